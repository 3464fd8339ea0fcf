import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer | Readable;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  from?: string;
  cc?: string[];
  bcc?: string[];
  replyTo?: string;
  /** With angle brackets, e.g. `<abc@host>`; nodemailer makes one when left out. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers (Auto-Submitted, X-Pishkhan-Ticket…). */
  headers?: Record<string, string>;
  /**
   * Deliver to these addresses instead of `to`/`cc`/`bcc` (the SMTP envelope): one message for
   * many readers of the same text, none of whom sees the others (notifications).
   */
  envelopeTo?: string[];
  attachments?: MailAttachment[];
}

/**
 * Sends mail: system mail (password resets) through SMTP_URL or the outbox, and tickets' mail
 * through a department's or the system mailbox (`transportMailer`). `close` frees a pooled
 * connection when the mailer was made for one job.
 */
/** What the server said of the recipients: those it refused (the message went to the rest). */
export interface SendResult {
  rejected: string[];
}

export interface Mailer {
  send(message: MailMessage): Promise<SendResult | void>;
  close?(): void;
}

/** nodemailer's options for one message; `from` defaults to the mailer's own address. */
function toNodemailer(m: MailMessage, from: string) {
  return {
    from: m.from ?? from,
    to: m.to,
    cc: m.cc?.length ? m.cc : undefined,
    bcc: m.bcc?.length ? m.bcc : undefined,
    replyTo: m.replyTo,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    inReplyTo: m.inReplyTo,
    references: m.references?.length ? m.references : undefined,
    headers: m.headers,
    attachments: m.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    envelope: m.envelopeTo?.length ? { from: m.from ?? from, to: m.envelopeTo } : undefined,
  };
}

/** SMTP through nodemailer, from SMTP_URL. */
export function smtpMailer(url: string, from: string): Mailer {
  return transportMailer(url, from);
}

/** Any nodemailer SMTP transport (a URL or the options of a mailbox's SMTP account, pooled or not). */
export function transportMailer(options: string | SMTPTransport.Options | SMTPPool.Options, from: string): Mailer {
  const transport = nodemailer.createTransport(options);
  return {
    async send(m) {
      const info = await transport.sendMail(toNodemailer(m, from));
      return {
        rejected: ((info.rejected ?? []) as (string | { address: string })[]).map((r) =>
          typeof r === 'string' ? r : r.address,
        ),
      };
    },
    close() {
      transport.close();
    },
  };
}

/**
 * Without SMTP, mail is written as .eml files under DATA_DIR/outbox, so that a fresh install
 * can still complete a password reset (the operator opens the file). Nothing secret is logged.
 */
export function outboxMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      const info = await transport.sendMail(toNodemailer(m, from));
      mkdirSync(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
      writeFileSync(join(dir, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}

/** Keeps messages in memory; for tests. */
export function memoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(m) {
      sent.push(m);
    },
  };
}
