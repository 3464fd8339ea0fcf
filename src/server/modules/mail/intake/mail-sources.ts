import { rootCertificates } from 'node:tls';
import { ImapFlow } from 'imapflow';
import { defaultPort } from '../connection-test';
import { extraCa, MailConnectError, type MailEndpoint, type TlsMode } from '../mail-socket';
import { Pop3Client } from '../pop3-client';

export interface InboundSettings {
  protocol: 'imap' | 'pop3';
  host: string;
  port: number | null;
  tls: TlsMode;
  username: string;
  password: string;
  folder: string;
  afterFetch: 'seen' | 'move';
  moveToFolder: string | null;
}

/** What intake does with each message a source yields; returns once the message is safely recorded. */
export type OnMessage = (sourceKey: string, raw: Buffer) => Promise<void>;
/** Which of these source keys were taken in before. */
export type Known = (keys: string[]) => Promise<Set<string>>;

/**
 * IMAP by UID: the unseen messages of the folder, each fetched, handed over and then marked
 * `\Seen` (or moved). A message already known (same UIDVALIDITY:UID) is only marked again.
 */
export async function fetchImap(s: InboundSettings, caFile: string | undefined, known: Known, onMessage: OnMessage): Promise<void> {
  const ca = extraCa(caFile);
  const client = new ImapFlow({
    host: s.host,
    port: s.port ?? defaultPort('imap', s.tls),
    secure: s.tls === 'tls',
    doSTARTTLS: s.tls === 'starttls' ? true : s.tls === 'none' ? false : undefined,
    auth: { user: s.username, pass: s.password },
    tls: { ca: ca ? [...rootCertificates, ca] : undefined, minVersion: 'TLSv1.2' },
    logger: false,
    connectionTimeout: 15_000,
  });
  client.on('error', () => undefined); // surfaced by the awaited calls
  try {
    await client.connect();
  } catch (e) {
    const err = e as Error & { authenticationFailed?: boolean; code?: string };
    throw new MailConnectError(err.authenticationFailed ? 'auth' : 'connect', err.code ?? 'EIMAP', err.message);
  }
  try {
    const lock = await client.getMailboxLock(s.folder);
    try {
      const box = client.mailbox;
      const validity = box && typeof box === 'object' ? String(box.uidValidity) : '0';
      const uids = ((await client.search({ seen: false }, { uid: true })) || []).sort((a, b) => a - b);
      const keyOf = (uid: number) => `${validity}:${uid}`;
      const seen = await known(uids.map(keyOf));
      for (const uid of uids) {
        if (!seen.has(keyOf(uid))) {
          const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!msg || !msg.source) continue;
          await onMessage(keyOf(uid), msg.source);
        }
        if (s.afterFetch === 'move' && s.moveToFolder) await client.messageMove(String(uid), s.moveToFolder, { uid: true });
        else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** POP3 by UIDL: every message not known yet, left on the server (dedup by UIDL). */
export async function fetchPop3(s: InboundSettings, caFile: string | undefined, known: Known, onMessage: OnMessage): Promise<void> {
  const ep: MailEndpoint = { host: s.host, port: s.port ?? defaultPort('pop3', s.tls), tls: s.tls, ca: extraCa(caFile), timeoutMs: 30_000 };
  const pop = await Pop3Client.connect(ep);
  try {
    await pop.login(s.username, s.password);
    const list = await pop.uidl();
    const seen = await known(list.map((m) => m.uid));
    for (const m of list) {
      if (seen.has(m.uid)) continue;
      await onMessage(m.uid, await pop.retr(m.n));
    }
    await pop.quit();
  } finally {
    pop.close();
  }
}
