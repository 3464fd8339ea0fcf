import { isIP, Socket, connect as netConnect } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import { resolveTarget, TargetNotAllowed } from '../../platform/net-guard';

/** `blocked`: the server's address is local, private or reserved (ALLOW_PRIVATE_NETWORK_TARGETS). */
export type MailStage = 'dns' | 'blocked' | 'connect' | 'tls' | 'auth' | 'protocol';
export type TlsMode = 'tls' | 'starttls' | 'none';

/**
 * A failure of a mail connection, with the stage it happened in. Never carries a password. The
 * message names only the stage and the code — it ends up where an administrator reads it (the
 * mailbox's last error) — while `detail`, which may quote the server, is for the log.
 */
export class MailConnectError extends Error {
  constructor(
    readonly stage: MailStage,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`mail server ${stage} failed (${code})`);
  }
}

export interface MailEndpoint {
  host: string;
  port: number;
  tls: TlsMode;
  /** Extra trusted CA certificates (PEM), added to the system roots. */
  ca?: string;
  timeoutMs?: number;
  /** ALLOW_PRIVATE_NETWORK_TARGETS: may the host be a loopback, private or reserved address? */
  allowPrivate: boolean;
}

/**
 * Resolves the endpoint's host once and checks every address (platform/net-guard.ts): the
 * connection then goes to the checked address, never through a second lookup.
 */
export async function resolveEndpoint(ep: MailEndpoint): Promise<string> {
  try {
    return (await resolveTarget(ep.host, { allowPrivate: ep.allowPrivate, timeoutMs: ep.timeoutMs ?? 10_000 })).address;
  } catch (e) {
    if (e instanceof TargetNotAllowed) throw new MailConnectError('blocked', e.code, e.message);
    const err = e as NodeJS.ErrnoException;
    throw new MailConnectError('dns', err.code ?? 'EDNS', err.message);
  }
}

const caCache = new Map<string, string>();
/** MAIL_TLS_CA_FILE: an extra CA (PEM) trusted for mail servers, e.g. a private one. */
export function extraCa(file: string | undefined): string | undefined {
  if (!file) return undefined;
  if (!caCache.has(file)) caCache.set(file, readFileSync(file, 'utf8'));
  return caCache.get(file);
}

const TLS_CODES = /^(ERR_SSL|ERR_TLS|EPROTO|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/;
export const isTlsError = (e: { code?: string; message?: string }) =>
  TLS_CODES.test(e.code ?? '') || /SSL|TLS|certificate|handshake|wrong version/i.test(e.message ?? '');

/**
 * A line-oriented mail connection (IMAP, POP3): connects stage by stage — name lookup, TCP,
 * TLS — so a failure says exactly which one failed; then reads CRLF lines.
 */
export class MailSocket {
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  private ended: Error | null = null;
  private constructor(
    private socket: Socket | TLSSocket,
    private readonly ep: MailEndpoint,
  ) {
    this.attach();
  }

  static async open(ep: MailEndpoint): Promise<MailSocket> {
    const timeout = ep.timeoutMs ?? 10_000;
    const address = await resolveEndpoint(ep);
    const raw = await new Promise<Socket>((resolve, reject) => {
      const s = netConnect({ host: address, port: ep.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(
          new MailConnectError('connect', 'ETIMEDOUT', `no answer from ${ep.host}:${ep.port} within ${timeout} ms`),
        );
      }, timeout);
      s.once('connect', () => {
        clearTimeout(timer);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new MailConnectError('connect', e.code ?? 'ECONNECTION', e.message));
      });
    });
    const socket = ep.tls === 'tls' ? await upgrade(raw, ep) : raw;
    return new MailSocket(socket, ep);
  }

  private attach() {
    this.socket.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      this.wake();
    });
    this.socket.on('error', (e: NodeJS.ErrnoException) => {
      this.ended = isTlsError(e)
        ? new MailConnectError('tls', e.code ?? 'ETLS', e.message)
        : new MailConnectError('protocol', e.code ?? 'ESOCKET', e.message);
      this.wake();
    });
    this.socket.on('close', () => {
      this.ended ??= new MailConnectError('protocol', 'ECLOSED', 'the server closed the connection');
      this.wake();
    });
    this.socket.setTimeout(this.ep.timeoutMs ?? 10_000, () => {
      this.ended ??= new MailConnectError('protocol', 'ETIMEDOUT', 'the server stopped answering');
      this.socket.destroy();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async waitData() {
    if (this.ended) throw this.ended;
    await new Promise<void>((r) => this.waiters.push(r));
  }

  /** One line without its CRLF. */
  async readLine(): Promise<string> {
    for (;;) {
      const i = this.buf.indexOf('\r\n');
      if (i >= 0) {
        const line = this.buf.subarray(0, i).toString('utf8');
        this.buf = this.buf.subarray(i + 2);
        return line;
      }
      if (this.ended && this.buf.length === 0) throw this.ended;
      await this.waitData();
    }
  }

  /** Raw bytes up to and including "\r\n.\r\n" (POP3 multi-line), dot-unstuffed, terminator removed. */
  async readDotTerminated(): Promise<Buffer> {
    // A body may be exactly ".\r\n" when empty: then the terminator starts at 0.
    for (;;) {
      const at = this.buf.subarray(0, 3).equals(Buffer.from('.\r\n')) ? 0 : this.buf.indexOf('\r\n.\r\n');
      if (at >= 0) {
        const body = at === 0 ? Buffer.alloc(0) : this.buf.subarray(0, at + 2);
        this.buf = this.buf.subarray(at === 0 ? 3 : at + 5);
        return unstuff(body);
      }
      if (this.ended) throw this.ended;
      await this.waitData();
    }
  }

  write(text: string) {
    this.socket.write(text);
  }

  /** STARTTLS: the plain socket becomes TLS. */
  async startTls() {
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
    this.socket.setTimeout(0);
    this.socket = await upgrade(this.socket as Socket, this.ep);
    this.buf = Buffer.alloc(0);
    this.attach();
  }

  get encrypted() {
    return 'encrypted' in this.socket && this.socket.encrypted === true;
  }

  close() {
    this.socket.destroy();
  }
}

function upgrade(raw: Socket, ep: MailEndpoint): Promise<TLSSocket> {
  const timeout = ep.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const s = tlsConnect({
      socket: raw,
      servername: isIP(ep.host) ? undefined : ep.host,
      ca: ep.ca ? [...rootCertificates, ep.ca] : undefined,
      minVersion: 'TLSv1.2',
    });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new MailConnectError('tls', 'ETIMEDOUT', 'the TLS handshake did not finish'));
    }, timeout);
    s.once('secureConnect', () => {
      clearTimeout(timer);
      s.removeAllListeners('error');
      resolve(s);
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      s.destroy();
      reject(new MailConnectError('tls', e.code ?? 'ETLS', e.message));
    });
    s.once('close', () => {
      clearTimeout(timer);
      reject(new MailConnectError('tls', 'ETLS', 'the server closed the connection during the TLS handshake'));
    });
  });
}

function unstuff(body: Buffer): Buffer {
  // Lines starting with ".." lose one dot.
  if (body.indexOf('\n..') < 0 && !(body[0] === 0x2e && body[1] === 0x2e)) return body;
  const out: Buffer[] = [];
  let start = 0;
  let lineStart = true;
  for (let i = 0; i < body.length; i++) {
    if (lineStart && body[i] === 0x2e && body[i + 1] === 0x2e) {
      out.push(body.subarray(start, i));
      start = i + 1;
    }
    lineStart = body[i] === 0x0a;
  }
  out.push(body.subarray(start));
  return Buffer.concat(out);
}
