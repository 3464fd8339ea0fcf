import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import { contactChanges, users } from '../../../db/schema';
import type { CONTACT_KINDS, TUser, ZPendingContact, ZVerifyContact } from '../../../contracts/people';
import { normalizeDigits } from '../../../contracts/text';
import { withTx, type Ctx } from '../../platform/context';
import { createSealer, safeEqual, sha256 } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { t } from '../../platform/i18n';
import { iso } from '../../platform/pagination';
import { forgetActors } from '../../platform/auth/actor-cache';
import { audit } from '../audit';
import { SMS_QUEUE, smsSealer, type SmsJob } from '../auth';
import { getSettings } from '../settings';
import { checkUnique, userWithLinks } from './users.repo';

export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_CODE_TTL_MINUTES = 15;
export const CONTACT_CODE_MAX_ATTEMPTS = 5;
export const CONTACT_MAIL_QUEUE = 'mail.contact-code';

export interface ContactMailJob {
  workspaceId: number;
  userId: number;
  to: string;
  /** The code sealed with SECRET_KEY: the job table never holds it in the clear. */
  sealedCode: string;
}

export const contactSealer = (secretKey: string) => createSealer(secretKey, 'contact-code');
const hashCode = (ctx: Ctx, userId: number, kind: ContactKind, value: string, code: string) =>
  sha256(`${ctx.workspaceId}:${userId}:${kind}:${value}:${code}`);

/**
 * Stores a new address as pending (replacing an older pending one of that kind) and sends it a
 * code, in the caller's transaction: an e-mail through a sealed `mail.contact-code` job, a mobile
 * through the SMS outbox (`sms.send`, sealed) as sign-in codes are.
 */
export async function issueContactCode(ctx: Ctx, userId: number, kind: ContactKind, value: string) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = ctx.deps.clock.now();
  await ctx.db
    .delete(contactChanges)
    .where(inWorkspace(contactChanges, ctx, eq(contactChanges.userId, userId), eq(contactChanges.kind, kind)));
  await ctx.db.insert(contactChanges).values({
    workspaceId: ctx.workspaceId,
    userId,
    kind,
    value,
    codeHash: hashCode(ctx, userId, kind, value, code),
    expiresAt: new Date(now.getTime() + CONTACT_CODE_TTL_MINUTES * 60_000),
    createdAt: now,
  });
  const secret = ctx.deps.config.secretKey;
  if (kind === 'email') {
    const job: ContactMailJob = {
      workspaceId: ctx.workspaceId,
      userId,
      to: value,
      sealedCode: contactSealer(secret).seal(code),
    };
    await ctx.deps.jobs.send(CONTACT_MAIL_QUEUE, job, { executor: ctx.db });
  } else {
    const settings = await getSettings(ctx);
    const text = t(ctx.locale, 'sms.contact_code', { title: settings.title, code, minutes: CONTACT_CODE_TTL_MINUTES });
    const job: SmsJob = {
      workspaceId: ctx.workspaceId,
      to: value,
      sealedText: smsSealer(secret).seal(text),
      event: 'contact_code',
    };
    await ctx.deps.jobs.send(SMS_QUEUE, job, { executor: ctx.db });
  }
  await audit(ctx, 'user.contact_change_requested', 'user', userId, { kind });
}

const liveFor = (ctx: Ctx, userId: number, now: Date, kind?: ContactKind) =>
  and(
    inWorkspace(
      contactChanges,
      ctx,
      eq(contactChanges.userId, userId),
      kind ? eq(contactChanges.kind, kind) : undefined,
    ),
    isNull(contactChanges.usedAt),
    gt(contactChanges.expiresAt, now),
    lt(contactChanges.attempts, CONTACT_CODE_MAX_ATTEMPTS),
  );

/** The person's changes still waiting for their code. */
export async function pendingContacts(ctx: Ctx, userId: number): Promise<z.infer<typeof ZPendingContact>[]> {
  const rows = await ctx.db
    .select()
    .from(contactChanges)
    .where(liveFor(ctx, userId, ctx.deps.clock.now()))
    .orderBy(asc(contactChanges.kind));
  return rows.map((r) => ({ kind: r.kind as ContactKind, value: r.value, expiresAt: iso(r.expiresAt)! }));
}

/**
 * `POST /me/verify-contact`: the code sent to a pending address puts that address on the
 * account. A wrong code counts against every pending change it was tried on; after
 * CONTACT_CODE_MAX_ATTEMPTS a change is dead and must be asked for again.
 */
export async function verifyContact({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZVerifyContact>;
}): Promise<TUser> {
  const actor = requireActor(ctx);
  const now = ctx.deps.clock.now();
  const code = normalizeDigits(input.code);
  const rows = await ctx.db
    .select()
    .from(contactChanges)
    .where(liveFor(ctx, actor.id, now, input.kind));
  const match = rows.find((r) => safeEqual(r.codeHash, hashCode(ctx, actor.id, r.kind as ContactKind, r.value, code)));
  if (!match) {
    // Counted outside any transaction, so the refusal below does not roll the count back.
    if (rows.length)
      await ctx.db
        .update(contactChanges)
        .set({ attempts: sql`${contactChanges.attempts} + 1` })
        .where(
          inWorkspace(
            contactChanges,
            ctx,
            inArray(
              contactChanges.id,
              rows.map((r) => r.id),
            ),
          ),
        );
    throw InvalidField('code', 'validation.contact_code');
  }
  const kind = match.kind as ContactKind;
  await checkUnique(ctx, { [kind]: match.value }, actor.id);
  const out = await withTx(ctx, async (tx) => {
    const used = await tx.db
      .update(contactChanges)
      .set({ usedAt: now })
      .where(and(liveFor(tx, actor.id, now, kind), eq(contactChanges.id, match.id)))
      .returning({ id: contactChanges.id });
    if (!used.length) throw InvalidField('code', 'validation.contact_code');
    const [row] = await tx.db
      .update(users)
      .set(
        kind === 'email'
          ? {
              email: match.value,
              alternateEmails: sql`array_remove(${users.alternateEmails}, ${match.value})`,
              updatedAt: now,
            }
          : { mobile: match.value, updatedAt: now },
      )
      .where(and(inWorkspace(users, tx, eq(users.id, actor.id)), isNull(users.deletedAt)))
      .returning();
    if (!row) throw NotFound();
    await tx.db
      .delete(contactChanges)
      .where(inWorkspace(contactChanges, tx, eq(contactChanges.userId, actor.id), eq(contactChanges.kind, kind)));
    await audit(tx, 'user.contact_changed', 'user', actor.id, { kind });
    return userWithLinks(tx, row);
  });
  forgetActors(ctx.deps, actor.id);
  return out;
}
