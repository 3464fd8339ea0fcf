import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import nodemailer from 'nodemailer';
import { transportMailer, type Mailer } from '../../platform/mailer';
import { isTlsError, MailConnectError, resolveEndpoint, type MailEndpoint } from './mail-socket';

/**
 * nodemailer settings for an SMTP account (also what the sender uses), connecting to `address`
 * — the endpoint's host as resolved and checked by `resolveEndpoint` — while TLS still
 * verifies the certificate for the host name.
 */
export function smtpTransportOptions(
  ep: MailEndpoint,
  auth: { username: string; password: string } | null,
  address: string,
) {
  const timeout = ep.timeoutMs ?? 10_000;
  const servername = isIP(ep.host) ? undefined : ep.host;
  return {
    host: address,
    servername,
    port: ep.port,
    secure: ep.tls === 'tls',
    requireTLS: ep.tls === 'starttls',
    ignoreTLS: ep.tls === 'none',
    auth: auth ? { user: auth.username, pass: auth.password } : undefined,
    tls: {
      ca: ep.ca ? [...rootCertificates, ep.ca] : undefined,
      servername,
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
  const address = await resolveEndpoint(ep);
  const transport = nodemailer.createTransport(smtpTransportOptions(ep, auth, address));
  try {
    await transport.verify();
  } catch (e) {
    throw smtpError(e as NodeJS.ErrnoException & { response?: string; reason?: string });
  } finally {
    transport.close();
  }
}

/**
 * A mailer for a mailbox's SMTP account: every message resolves and checks the server's address
 * again (it may have changed since the last one) and connects to that address.
 */
export function mailboxSmtpMailer(
  ep: MailEndpoint,
  auth: { username: string; password: string } | null,
  from: string,
): Mailer {
  return {
    async send(message) {
      const mailer = transportMailer(smtpTransportOptions(ep, auth, await resolveEndpoint(ep)), from);
      try {
        await mailer.send(message);
      } finally {
        mailer.close?.();
      }
    },
  };
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
