import { eq, inArray, sql } from 'drizzle-orm';
import { mailFetched } from '../../../../db/schema';
import { queryRows, textArray } from '../../../platform/db/database';
import type { Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';

export type FetchOutcome = 'ticket' | 'reply' | 'ignored' | 'quarantined';

/** Source keys of this mailbox already taken in, out of `keys` (one query). */
export async function knownSourceKeys(ctx: Ctx, mailboxId: number, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await ctx.db
    .select({ key: mailFetched.sourceKey })
    .from(mailFetched)
    .where(inWorkspace(mailFetched, ctx, eq(mailFetched.mailboxId, mailboxId), inArray(mailFetched.sourceKey, keys)));
  return new Set(rows.map((r) => r.key));
}

/** Was a message with this (normalised) Message-ID already imported in the workspace? */
export async function messageIdImported(ctx: Ctx, messageId: string): Promise<boolean> {
  return (await importedMessageIds(ctx, [messageId])).has(messageId);
}

/**
 * Which of these Message-IDs were imported in the workspace before: taken in by any mailbox
 * (not quarantined), or stored on a ticket (sent by us, or imported). One statement.
 */
export async function importedMessageIds(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const list = textArray(ids);
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select message_id as id from mail_fetched where workspace_id = ${ctx.workspaceId} and message_id = any(${list}) and outcome <> 'quarantined'
        union
        select email_message_id from messages where workspace_id = ${ctx.workspaceId} and email_message_id = any(${list})`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Records what became of one fetched message. A second record of the same source is ignored,
 * except over a quarantined one: a retry from the quarantine replaces it with its new outcome.
 */
export interface FetchedRecord {
  mailboxId: number;
  sourceKey: string;
  messageId: string | null;
  outcome: FetchOutcome;
  /** 'locked': quarantined because it answers a locked ticket (C4); null: an error. */
  reason?: 'locked' | null;
  ticketNumber?: number | null;
  error?: string | null;
  rawStorageKey?: string | null;
}

export async function recordFetched(ctx: Ctx, r: FetchedRecord, pending?: FetchedRecord[]): Promise<void> {
  // Intake collects a chunk's records and writes them with recordFetchedMany before commit.
  if (pending) pending.push(r);
  else await recordFetchedMany(ctx, [r]);
}

/** How this mail of the mailbox was recorded before (a retry from the quarantine), if it was. */
export async function fetchedRecordOf(ctx: Ctx, mailboxId: number, sourceKey: string) {
  const [row] = await ctx.db
    .select({ outcome: mailFetched.outcome, reason: mailFetched.reason })
    .from(mailFetched)
    .where(inWorkspace(mailFetched, ctx, eq(mailFetched.mailboxId, mailboxId), eq(mailFetched.sourceKey, sourceKey)));
  return row ?? null;
}

/** Many records in one statement (source keys distinct: one mail, one record). */
export async function recordFetchedMany(ctx: Ctx, list: FetchedRecord[]): Promise<void> {
  if (!list.length) return;
  const now = ctx.deps.clock.now();
  await ctx.db
    .insert(mailFetched)
    .values(
      list.map((r) => ({
        workspaceId: ctx.workspaceId,
        mailboxId: r.mailboxId,
        sourceKey: r.sourceKey,
        messageId: r.messageId,
        outcome: r.outcome,
        reason: r.reason ?? null,
        ticketNumber: r.ticketNumber ?? null,
        error: r.error ?? null,
        rawStorageKey: r.rawStorageKey ?? null,
        createdAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [mailFetched.workspaceId, mailFetched.mailboxId, mailFetched.sourceKey],
      set: {
        messageId: sql`excluded.message_id`,
        outcome: sql`excluded.outcome`,
        reason: sql`excluded.reason`,
        ticketNumber: sql`excluded.ticket_number`,
        error: sql`excluded.error`,
        rawStorageKey: sql`coalesce(excluded.raw_storage_key, ${mailFetched.rawStorageKey})`,
      },
      where: sql`${mailFetched.outcome} = 'quarantined'`,
    });
}
