import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { EVENTS_CHANNEL, type LiveEvent } from '../tickets';

/** pg_notify payloads are limited to 8000 bytes: people are told in chunks. */
const CHUNK = 200;

/**
 * Tells the bells of these people, live (at commit, every process): a `notification.created`
 * event addressed to them alone (`u`), which the live hub gives to their streams only.
 */
export async function announceBell(ctx: Ctx, ticketNumber: number, userIds: number[]) {
  if (!userIds.length) return;
  const payloads: string[] = [];
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const e: LiveEvent = {
      type: 'notification.created',
      w: ctx.workspaceId,
      n: ticketNumber,
      d: 0,
      r: null,
      g: null,
      a: [],
      p: [],
      i: false,
      u: userIds.slice(i, i + CHUNK),
    };
    payloads.push(JSON.stringify(e));
  }
  await ctx.db.execute(
    sql`select ${sql.join(
      payloads.map((p) => sql`pg_notify(${EVENTS_CHANNEL}, ${p})`),
      sql`, `,
    )}`,
  );
}
