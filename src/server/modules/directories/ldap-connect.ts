import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client, InvalidCredentialsError, NoSuchObjectError } from 'ldapts';
import { t, type Locale } from '../../platform/i18n';
import { resolveTarget, TargetNotAllowed } from '../../platform/net-guard';

/** Where a directory conversation stopped: the stages of a connection test, in order. */
export type DirectoryStage = 'dns' | 'connect' | 'tls' | 'bind' | 'search';

/** A directory failure with the stage it happened at; `message` is the server's or library's own words. */
export class DirectoryFailure extends Error {
  constructor(
    readonly stage: DirectoryStage,
    message: string,
    readonly reason: 'not_allowed' | 'size_limit' | 'other' = 'other',
  ) {
    super(message);
  }
}

export interface DirectoryConnection {
  url: string;
  startTls: boolean;
  caCert: string | null;
  verifyTls: boolean;
  bindDn: string;
  bindPassword: string;
}

/** How long one step may take: a directory that hangs must not hold a sign-in for long. */
export const CONNECT_TIMEOUT_MS = 5_000;
export const OPERATION_TIMEOUT_MS = 10_000;

const TLS_CODES = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO|HOSTNAME|ALTNAME|ECONNRESET/;

/** The stage a low-level error belongs to, for one that happened while opening the connection. */
export function stageOfConnectError(e: unknown, secure: boolean): DirectoryStage {
  const code = String((e as { code?: unknown }).code ?? '');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEOUT') return 'dns';
  if (secure && (TLS_CODES.test(code) || /certificate|handshake|tls|ssl/i.test(String((e as Error).message))))
    return 'tls';
  return 'connect';
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);

/**
 * An open, bound connection to a directory: the host is looked up once and checked against the
 * private-network rule (an admin's address must not reach the server's own network unless the
 * operator allows it), ldaps/STARTTLS verify the certificate against the CA given (or the
 * system's) for the host *name*, then the service account binds (anonymously without one).
 * Every failure is a DirectoryFailure naming its stage. The caller unbinds.
 */
export async function openDirectory(conn: DirectoryConnection, opts: { allowPrivate: boolean }): Promise<Client> {
  const url = new URL(conn.url);
  const secure = url.protocol === 'ldaps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let address: string;
  try {
    address = (await resolveTarget(host, { allowPrivate: opts.allowPrivate, timeoutMs: CONNECT_TIMEOUT_MS })).address;
  } catch (e) {
    if (e instanceof TargetNotAllowed) throw new DirectoryFailure('dns', e.message, 'not_allowed');
    throw new DirectoryFailure('dns', messageOf(e));
  }
  const port = url.port || (secure ? '636' : '389');
  const tlsOptions: ConnectionOptions = {
    // The certificate is checked against the name the admin wrote, not the address connected
    // to. An address sends no SNI: left unset, Node would send the IP, which servers refuse.
    servername: isIP(host) ? '' : host,
    ca: conn.caCert ? [conn.caCert] : undefined,
    rejectUnauthorized: conn.verifyTls,
    minVersion: 'TLSv1.2',
  };
  const client = new Client({
    url: `${secure ? 'ldaps' : 'ldap'}://${isIP(address) === 6 ? `[${address}]` : address}:${port}`,
    connectTimeout: CONNECT_TIMEOUT_MS,
    timeout: OPERATION_TIMEOUT_MS,
    // Only for ldaps: given options, the client speaks TLS from the first byte (no STARTTLS).
    tlsOptions: secure ? tlsOptions : undefined,
    strictDN: false,
  });
  try {
    if (conn.startTls) {
      try {
        // A copy: startTLS writes the plain socket into its options. `host` names what the
        // certificate must match when the admin wrote an address (SNI carries no address).
        await client.startTLS({ ...tlsOptions, host });
      } catch (e) {
        const code = String((e as { code?: unknown }).code ?? '');
        const refused = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ECONNABORTED/.test(code);
        throw new DirectoryFailure(refused || /connect/i.test(messageOf(e)) ? 'connect' : 'tls', messageOf(e));
      }
    }
    try {
      await client.bind(conn.bindDn, conn.bindDn ? conn.bindPassword : '');
    } catch (e) {
      if (e instanceof DirectoryFailure) throw e;
      if (!client.isConnected && !(e instanceof InvalidCredentialsError))
        throw new DirectoryFailure(stageOfConnectError(e, secure), messageOf(e));
      throw new DirectoryFailure('bind', messageOf(e));
    }
    return client;
  } catch (e) {
    await client.unbind().catch(() => undefined);
    throw e;
  }
}

/** Search failures: a base DN that does not exist is the admin's, anything else the server's. */
export function searchFailure(e: unknown): DirectoryFailure {
  if (e instanceof DirectoryFailure) return e;
  return new DirectoryFailure(
    'search',
    e instanceof NoSuchObjectError ? `no such base DN: ${messageOf(e)}` : messageOf(e),
  );
}

/**
 * A failure's message in the admin's language: its stage or known reason, with the server's
 * words (any other error: a sync that found nobody).
 */
export function failureMessage(locale: Locale, e: Error): string {
  const detail = e.message.slice(0, 300);
  if (!(e instanceof DirectoryFailure)) return t(locale, 'errors.directory_found_nobody', { detail });
  const key = e.reason === 'other' ? `directories.test.failed_${e.stage}` : `directories.test.${e.reason}`;
  return t(locale, key, { detail });
}
/** Binds as a person: true when the directory accepts the password, false when it refuses it. */
export async function bindsAs(client: Client, dn: string, password: string): Promise<boolean> {
  // An empty password is an "unauthenticated bind" that many servers accept: never send one.
  if (!password) return false;
  try {
    await client.bind(dn, password);
    return true;
  } catch (e) {
    if (e instanceof InvalidCredentialsError) return false;
    throw new DirectoryFailure('bind', messageOf(e));
  }
}
