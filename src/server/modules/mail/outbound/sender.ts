import { eq, isNotNull, isNull, or } from 'drizzle-orm';
import { mailboxes } from '../../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import type { Mailer } from '../../../platform/mailer';
import { defaultPort } from '../connection-test';
import { extraCa } from '../mail-socket';
import { mailboxSealer, type MailboxRow } from '../mailboxes.repo';
import { pooledSmtpMailer } from './smtp-pool';

/** No progress for this long (connecting, greeting, any read or write) fails a send. */
export const SMTP_TIMEOUT_MS = 10_000;

/** Who a ticket's mail goes out as, and through what. */
export interface Sender {
  mailer: Mailer;
  /** The From header: `"Display name" <address>`. */
  from: string;
  /** The address alone (for the Message-ID's domain and Reply-To). */
  address: string;
  /** Which account: a mailbox id, or 'platform' (SMTP_URL or the outbox). */
  via: number | 'platform';
}

/** `"name" <address>`, quoting the name so commas and Persian text survive. */
export function formatFrom(name: string, address: string): string {
  const clean = name.replace(/["\\\r\n]/g, '').trim();
  return clean ? `"${clean}" <${address}>` : address;
}

/** The address inside MAIL_FROM (`Name <a@b>` or `a@b`). */
export function addressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1] : from).trim();
}

/**
 * F3: a department's mail goes out through its own mailbox's SMTP account; without one through
 * the workspace's system account; without that through the platform's (SMTP_URL, or the outbox
 * directory when none is configured). One query picks the mailbox.
 */
export async function senderFor(ctx: Ctx, departmentId: number | null): Promise<Sender> {
  const rows = await ctx.db
    .select()
    .from(mailboxes)
    .where(
      inWorkspace(
        mailboxes,
        ctx,
        eq(mailboxes.active, true),
        isNotNull(mailboxes.smtpHost),
        departmentId === null
          ? isNull(mailboxes.departmentId)
          : or(eq(mailboxes.departmentId, departmentId), isNull(mailboxes.departmentId)),
      ),
    );
  const box = rows.find((r) => r.departmentId !== null) ?? rows.find((r) => r.departmentId === null);
  if (box) return mailboxSender(ctx, box);
  const from = ctx.deps.config.mailFrom;
  return { mailer: ctx.deps.mailer, from, address: addressOf(from), via: 'platform' };
}

function mailboxSender(ctx: Ctx, box: MailboxRow): Sender {
  const password = box.smtpPasswordSealed ? mailboxSealer(ctx).open(box.smtpPasswordSealed) : '';
  const auth = box.smtpAuth && box.smtpUsername ? { username: box.smtpUsername, password } : null;
  const from = formatFrom(box.displayName, box.address);
  // Connections are pooled per account (smtp-pool.ts): a backlog goes out over a few of them.
  const mailer = pooledSmtpMailer(
    ctx.deps,
    {
      host: box.smtpHost!,
      port: box.smtpPort ?? defaultPort('smtp', box.smtpTls),
      tls: box.smtpTls,
      ca: extraCa(ctx.deps.config.mailTlsCaFile),
      // Connection, greeting and inactivity limits: a batch of sends stays within its job's expiry.
      timeoutMs: SMTP_TIMEOUT_MS,
      allowPrivate: ctx.deps.config.allowPrivateNetworkTargets,
    },
    auth,
    from,
  );
  return { mailer, from, address: box.address, via: box.id };
}

/** Only the domain of an address, for Message-IDs (`<random@domain>`). */
export const domainOf = (address: string) => address.split('@').pop()!.toLowerCase() || 'localhost';
