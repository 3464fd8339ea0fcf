import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import nodemailer from 'nodemailer';
import { isTlsError, MailConnectError, type MailEndpoint } from './mail-socket';

/** nodemailer settings for an SMTP account (also what the sender will use). */
export function smtpTransportOptions(ep: MailEndpoint, auth: { username: string; password: string } | null) {
  const timeout = ep.timeoutMs ?? 10_000;
  return {
    host: ep.host,
    port: ep.port,
    secure: ep.tls === 'tls',
    requireTLS: ep.tls === 'starttls',
    ignoreTLS: ep.tls === 'none',
    auth: auth ? { user: auth.username, pass: auth.password } : undefined,
    tls: {
      ca: ep.ca ? [...rootCertificates, ep.ca] : undefined,
      servername: isIP(ep.host) ? undefined : ep.host,
      minVersion: 'TLSv1.2' as const,
    },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    logger: false,
    debug: false,
  };
}

/** Connects, says EHLO, does STARTTLS and AUTH as configured, and quits. */
export async function probeSmtp(ep: MailEndpoint, auth: { username: string; password: string } | null): Promise<void> {
  if (!isIP(ep.host)) {
    try {
      await dns.lookup(ep.host);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new MailConnectError('dns', err.code ?? 'EDNS', err.message);
    }
  }
  const transport = nodemailer.createTransport(smtpTransportOptions(ep, auth));
  try {
    await transport.verify();
  } catch (e) {
    throw smtpError(e as NodeJS.ErrnoException & { response?: string; reason?: string });
  } finally {
    transport.close();
  }
}

/** Maps nodemailer's error codes to our stages. */
export function smtpError(e: NodeJS.ErrnoException & { response?: string }): MailConnectError {
  const code = e.code ?? 'ESMTP';
  const text = (e.response ?? e.message ?? '').slice(0, 300);
  const net = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ECONNRESET|ETIMEDOUT|timeout/i.test(e.message ?? '');
  switch (code) {
    case 'EDNS':
      return new MailConnectError('dns', code, text);
    case 'ETLS':
      return new MailConnectError('tls', code, text);
    case 'EAUTH':
    case 'ENOAUTH':
      return new MailConnectError('auth', code, text);
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'ETIMEDOUT':
      if (isTlsError(e)) return new MailConnectError('tls', code, text);
      return new MailConnectError(net || code !== 'ESOCKET' ? 'connect' : 'protocol', code, text);
    default:
      return new MailConnectError(isTlsError(e) ? 'tls' : 'protocol', code, text);
  }
}
