import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { TPublicCsat, ZCsatAnswer } from '../../../contracts/csat';
import { csatSurveys } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Conflict } from '../../platform/errors';
import { iso } from '../../platform/pagination';
import { logTicketEvent } from '../tickets';
import { queueWebhookEvent } from '../webhooks';
import { publicView } from './get-survey';
import { commentOpen, findSurvey, limitCsatDoor } from './surveys.repo';

/**
 * POST /public/csat/:token `{ rating, comment? }`: the requester's answer. The rating is taken
 * once (the e-mail's one-click link sends it as the page opens); the same rating again may add or
 * change the comment for 7 days; another rating is 409. The first answer is logged on the ticket
 * and sent to the workspace's webhooks (`csat.answered`).
 */
export async function answerSurvey({
  ctx,
  token,
  input,
}: {
  ctx: Ctx;
  token: string;
  input: z.infer<typeof ZCsatAnswer>;
}): Promise<TPublicCsat> {
  await limitCsatDoor(ctx);
  // Whoever holds the link answers; a session that came along is not the author.
  const anon: Ctx = { ...ctx, actor: null };
  const comment = input.comment ? input.comment : undefined;
  return withTx(anon, async (tx) => {
    const s = await findSurvey(tx, token, { forUpdate: true });
    const now = tx.deps.clock.now();
    const where = and(inWorkspace(csatSurveys, tx), eq(csatSurveys.id, s.id));
    if (s.answeredAt) {
      if (s.rating !== input.rating) throw Conflict('errors.csat_already_answered');
      if (comment === undefined || comment === s.comment) return publicView(tx, s);
      if (!commentOpen(tx, s.answeredAt)) throw Conflict('errors.csat_comment_closed');
      await tx.db.update(csatSurveys).set({ comment }).where(where);
      await logTicketEvent(tx, s.ticketId, 'csat_commented', { rating: input.rating });
      return publicView(tx, s);
    }
    await tx.db
      .update(csatSurveys)
      .set({ rating: input.rating, comment: comment ?? null, answeredAt: now })
      .where(where);
    await logTicketEvent(tx, s.ticketId, 'csat_answered', { rating: input.rating, comment: Boolean(comment) });
    await queueWebhookEvent(tx, 'csat.answered', {
      ticketNumber: s.number,
      rating: input.rating,
      comment: comment ?? null,
      answeredAt: iso(now),
      departmentId: s.departmentId === null ? null : String(s.departmentId),
      agentIds: s.agentIds.map(String),
      requesterId: s.requesterId === null ? null : String(s.requesterId),
    });
    return publicView(tx, { ...s, rating: input.rating, answeredAt: now });
  });
}
