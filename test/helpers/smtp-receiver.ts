import { mkdtemp, rm } from 'node:fs/promises';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { makeSelfSignedCert, type MailUser } from './dovecot';

export interface ReceivedMail {
  envelope: { from: string | null; to: string[] };
  /** The user that authenticated, when AUTH was used. */
  user?: string;
  /** Whether the session was over TLS (implicit or STARTTLS). */
  secure: boolean;
  raw: Buffer;
  parsed: ParsedMail;
}

export type RejectStage = 'mail' | 'rcpt' | 'data';

export interface SmtpReceiver {
  host: '127.0.0.1';
  port: number;
  /** The self-signed certificate used for STARTTLS / implicit TLS (CN=localhost, SAN 127.0.0.1). */
  caCertPem: string;
  received: ReceivedMail[];
  /** Resolves with `received` once it holds at least n mails; rejects after ms (default 5 s). */
  waitFor(n: number, ms?: number): Promise<ReceivedMail[]>;
  /** The next transaction is refused with this SMTP code at `stage` (default 'data'), e.g. 550 or 451. */
  failNext(code: number, message?: string, stage?: RejectStage): void;
  stop(): Promise<void>;
}

export interface SmtpReceiverOptions {
  /** When given, AUTH PLAIN/LOGIN is required and checked against these users. Without: no AUTH. */
  users?: MailUser[];
  /** Implicit TLS (SMTPS, like port 465). Default false. */
  secure?: boolean;
  /** Offer STARTTLS on a plain connection. Default true. */
  starttls?: boolean;
  /** Maximum message size in bytes (announced in EHLO SIZE, larger mails are refused with 552). */
  size?: number;
}

/** A real SMTP server (smtp-server) on 127.0.0.1, random port; received mails parsed with mailparser. */
export async function startSmtpReceiver(opts: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const dir = await mkdtemp(join(tmpdir(), 'pishkhan-smtp-'));
  const cert = await makeSelfSignedCert(dir).catch(async (e) => {
    await rm(dir, { recursive: true, force: true });
    throw e;
  });
  const users = opts.users;
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let failure: { code: number; message: string; stage: RejectStage } | null = null;
  const takeFailure = (stage: RejectStage) => {
    if (!failure || failure.stage !== stage) return null;
    const f = failure;
    failure = null;
    return Object.assign(new Error(f.message), { responseCode: f.code });
  };

  const server = new SMTPServer({
    secure: !!opts.secure,
    key: cert.keyPem,
    cert: cert.certPem,
    name: 'localhost',
    logger: false,
    banner: 'pishkhan test receiver',
    size: opts.size,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !users,
    allowInsecureAuth: true,
    disabledCommands: [...(users ? [] : ['AUTH']), ...(opts.starttls === false || opts.secure ? ['STARTTLS'] : [])],
    onAuth(auth, _session, callback) {
      const ok = users?.some((u) => u.user === auth.username && u.password === auth.password);
      if (!ok) return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      callback(takeFailure('mail'));
    },
    onRcptTo(_address, _session, callback) {
      callback(takeFailure('rcpt'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e) => callback(e));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        }
        const fail = takeFailure('data');
        if (fail) return callback(fail);
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const from = session.envelope.mailFrom;
            received.push({
              envelope: { from: from ? from.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
              user: typeof session.user === 'string' ? session.user : undefined,
              secure: session.secure,
              raw,
              parsed,
            });
            for (const w of [...waiters]) w();
            callback();
          },
          (e: Error) => callback(e),
        );
      });
    },
  });
  server.on('error', () => {
    /* client errors (bad TLS, dropped connections) are expected in tests */
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as net.AddressInfo).port;
  let stopped = false;

  return {
    host: '127.0.0.1',
    port,
    caCertPem: cert.certPem,
    received,
    waitFor(n, ms = 5_000) {
      if (received.length >= n) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`smtp receiver: expected ${n} mail(s) within ${ms} ms, got ${received.length}`));
        }, ms);
        waiters.add(check);
      });
    },
    failNext(code, message = code >= 500 ? 'Rejected by test' : 'Try again later (test)', stage = 'data') {
      failure = { code, message, stage };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
