import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { ImapFlow } from 'imapflow';
import { defaultPort } from '../connection-test';
import type { Config } from '../../../platform/config';
import { extraCa, MailConnectError, resolveEndpoint, type MailEndpoint, type TlsMode } from '../mail-socket';
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

/** What connecting needs from the configuration: the extra CA and whether private targets are allowed. */
export type SourceConfig = Pick<Config, 'mailTlsCaFile' | 'allowPrivateNetworkTargets'>;

export interface SourceMessage {
  sourceKey: string;
  raw: Buffer;
}
/** What intake does with a batch a source yields, in order; returns once every one is safely recorded. */
export type OnBatch = (batch: SourceMessage[]) => Promise<void>;
/** Which of these source keys were taken in before. */
export type Known = (keys: string[]) => Promise<Set<string>>;

/**
 * Messages travel in batches of at most this many, or this many bytes (a larger message goes
 * alone): one FETCH and one STORE per batch instead of one round trip per message each, and
 * at most two batches in memory (the one being imported and the next, read ahead).
 */
const BATCH_MESSAGES = 100;
const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * IMAP by UID: the unseen messages of the folder in UID order, fetched a batch at a time
 * (the next batch is read while the current one is imported), handed over, and only then
 * marked `\Seen` (or moved) with one command per batch. A message already known (same
 * UIDVALIDITY:UID) is not fetched again, only marked.
 */
export async function fetchImap(
  s: InboundSettings,
  config: SourceConfig,
  known: Known,
  onBatch: OnBatch,
): Promise<void> {
  const ca = extraCa(config.mailTlsCaFile);
  const port = s.port ?? defaultPort('imap', s.tls);
  // Connects to the checked address; TLS still verifies the certificate for the host name.
  const address = await resolveEndpoint({
    host: s.host,
    port,
    tls: s.tls,
    timeoutMs: 15_000,
    allowPrivate: config.allowPrivateNetworkTargets,
  });
  const client = new ImapFlow({
    host: address,
    servername: isIP(s.host) ? undefined : s.host,
    port,
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
      const keyOf = (uid: number) => `${validity}:${uid}`;
      const uids = ((await client.search({ seen: false }, { uid: true })) || []).sort((a, b) => a - b);
      if (!uids.length) return;
      const sizes = new Map<number, number>();
      for (const m of await client.fetchAll(uidSet(uids), { uid: true, size: true }, { uid: true }))
        sizes.set(m.uid, m.size ?? 0);

      const load = async (batch: number[]) => {
        const seen = await known(batch.map(keyOf));
        const wanted = batch.filter((uid) => !seen.has(keyOf(uid)));
        const fetched = wanted.length
          ? await client.fetchAll(uidSet(wanted), { uid: true, source: true }, { uid: true })
          : [];
        const messages = fetched.filter((m) => m.source).sort((a, b) => a.uid - b.uid);
        // Marked afterwards: the known ones and those handed over, never one that was not.
        const mark = [...batch.filter((uid) => seen.has(keyOf(uid))), ...messages.map((m) => m.uid)];
        return { mark, messages: messages.map((m) => ({ sourceKey: keyOf(m.uid), raw: m.source! })) };
      };
      await readAhead(
        inBatches(uids, (uid) => sizes.get(uid) ?? 0),
        load,
        async ({ mark, messages }) => {
          if (messages.length) await onBatch(messages);
          if (!mark.length) return;
          if (s.afterFetch === 'move' && s.moveToFolder)
            await client.messageMove(uidSet(mark), s.moveToFolder, { uid: true });
          else await client.messageFlagsAdd(uidSet(mark), ['\\Seen'], { uid: true });
        },
      );
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * POP3 by UIDL: every message not known yet, left on the server (dedup by UIDL). POP3 has no
 * batch retrieval, so messages are read one by one, but a batch ahead of the import.
 */
export async function fetchPop3(
  s: InboundSettings,
  config: SourceConfig,
  known: Known,
  onBatch: OnBatch,
): Promise<void> {
  const ep: MailEndpoint = {
    host: s.host,
    port: s.port ?? defaultPort('pop3', s.tls),
    tls: s.tls,
    ca: extraCa(config.mailTlsCaFile),
    timeoutMs: 30_000,
    allowPrivate: config.allowPrivateNetworkTargets,
  };
  const pop = await Pop3Client.connect(ep);
  try {
    await pop.login(s.username, s.password);
    const list = await pop.uidl();
    if (list.length) {
      const sizes = new Map((await pop.list()).map((m) => [m.n, m.size]));
      const load = async (batch: { n: number; uid: string }[]) => {
        const seen = await known(batch.map((m) => m.uid));
        const messages: SourceMessage[] = [];
        for (const m of batch) if (!seen.has(m.uid)) messages.push({ sourceKey: m.uid, raw: await pop.retr(m.n) });
        return messages;
      };
      await readAhead(
        inBatches(list, (m) => sizes.get(m.n) ?? 0),
        load,
        async (messages) => {
          if (messages.length) await onBatch(messages);
        },
      );
    }
    await pop.quit();
  } finally {
    pop.close();
  }
}

/** Consecutive runs of at most BATCH_MESSAGES items and BATCH_BYTES (one larger item alone). */
function inBatches<T>(items: T[], sizeOf: (item: T) => number): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (batch.length && (batch.length >= BATCH_MESSAGES || bytes + size > BATCH_BYTES)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length) out.push(batch);
  return out;
}

/**
 * Handles the batches in order while the next one loads: the mail server's time and the
 * database's overlap. Loads run one after another (a POP3 session takes one command at a
 * time), never more than one batch ahead.
 */
async function readAhead<B, L>(
  batches: B[],
  load: (batch: B) => Promise<L>,
  handle: (loaded: L) => Promise<void>,
): Promise<void> {
  let next: Promise<L> | null = batches.length ? load(batches[0]) : null;
  for (let i = 0; i < batches.length; i++) {
    const current: Promise<L> = next!;
    next = i + 1 < batches.length ? current.then(() => load(batches[i + 1])) : null;
    // Awaited in its turn; until then a failure must not count as unhandled.
    next?.catch(() => undefined);
    await handle(await current);
  }
}

/** An IMAP sequence set of UIDs, runs compressed: 1,2,3,5 → "1:3,5". */
function uidSet(uids: number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? String(start) : `${start}:${sorted[i]}`);
  }
  return parts.join(',');
}
