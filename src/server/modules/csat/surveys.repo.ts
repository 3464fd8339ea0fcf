import { and, eq } from 'drizzle-orm';
import { csatSurveys, tickets } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { AppError, NotFound } from '../../platform/errors';
import { addressKey, hitRateLimit } from '../../platform/rate-limit';

export const CSAT_SEND_QUEUE = 'csat.send';
/** A link takes answers for this long after it was sent (410 after). */
export const ANSWER_DAYS = 30;
/** After the rating, a comment may be added or changed for this long. */
export const COMMENT_DAYS = 7;
const DAY_MS = 86_400_000;

/** The link's token is kept only as its sha256. */
export const hashCsatToken = (token: string) => sha256(token);

/**
 * The public survey doors (read and answer) per address: a visit reads once and answers once or
 * twice; guessing 256-bit tokens is hopeless anyway, this keeps a loop from filling the logs.
 */
const PER_ADDRESS = { limit: 30, windowSeconds: 600 };
export const limitCsatDoor = (ctx: Ctx) =>
  hitRateLimit(ctx, `csat:ip:${addressKey(ctx.ip)}`, PER_ADDRESS.limit, PER_ADDRESS.windowSeconds);

/**
 * The survey behind a link, with its ticket's number and subject: 404 for a token that is not
 * this workspace's (or malformed), 410 once the link is older than 30 days. `forUpdate` locks the
 * row for an answer, so two answers at once are taken one after the other.
 */
export async function findSurvey(ctx: Ctx, token: string, opts: { forUpdate?: boolean } = {}) {
  const q = ctx.db
    .select({
      id: csatSurveys.id,
      ticketId: csatSurveys.ticketId,
      requesterId: csatSurveys.requesterId,
      departmentId: csatSurveys.departmentId,
      agentIds: csatSurveys.agentIds,
      sentAt: csatSurveys.sentAt,
      rating: csatSurveys.rating,
      comment: csatSurveys.comment,
      answeredAt: csatSurveys.answeredAt,
      number: tickets.number,
      subject: tickets.subject,
    })
    .from(csatSurveys)
    .innerJoin(tickets, eq(tickets.id, csatSurveys.ticketId))
    .where(and(inWorkspace(csatSurveys, ctx), eq(csatSurveys.tokenHash, hashCsatToken(token))));
  const [row] = await (opts.forUpdate ? q.for('update', { of: csatSurveys }) : q);
  if (!row) throw NotFound('errors.csat_not_found');
  if (ctx.deps.clock.now().getTime() - row.sentAt.getTime() > ANSWER_DAYS * DAY_MS)
    throw new AppError('gone', { key: 'errors.csat_expired' });
  return row;
}

export type SurveyRow = Awaited<ReturnType<typeof findSurvey>>;

/** Whether a comment may still be added to an answered survey. */
export const commentOpen = (ctx: Ctx, answeredAt: Date) =>
  ctx.deps.clock.now().getTime() - answeredAt.getTime() <= COMMENT_DAYS * DAY_MS;
