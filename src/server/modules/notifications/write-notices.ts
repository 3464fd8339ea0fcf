import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';

/** An in-app notification of one person about one ticket change. */
export interface NoticeRow {
  userId: number;
  event: string;
  title: string;
  body: string;
}

/** One delivery on one channel; `notified` links it to the person's in-app notification. */
export interface DeliveryRowIn {
  userId: number | null;
  event: string;
  channel: string;
  to: string;
  status: 'queued' | 'skipped';
  reason: string | null;
  sealedPayload: string | null;
}

export interface WrittenDelivery {
  id: number;
  channel: string;
  status: string;
  userId: number | null;
}

/**
 * The notifications and deliveries of one ticket change in two statements whose rows travel as
 * one JSON parameter each (a fan-out to a 45-agent department is 45 + 90 rows: built by the
 * query builder they cost more Node time than everything else the job does — bench/README.md,
 * "A burst of 10,000 timers"). Each delivery points at its person's notification of the same event.
 */
export async function writeNotices(
  tx: Ctx,
  ticket: { id: number; number: number },
  actorId: number | null,
  now: Date,
  inApp: NoticeRow[],
  outs: DeliveryRowIn[],
): Promise<{ notified: number[]; written: WrittenDelivery[] }> {
  const made = inApp.length
    ? await queryRows<{ id: string; user_id: string; event: string }>(
        tx.db,
        sql`insert into notifications (workspace_id, user_id, event, ticket_id, ticket_number, title, body, actor_id, created_at)
            select ${tx.workspaceId}::bigint, n.u, n.e, ${ticket.id}::bigint, ${ticket.number}::int, n.t, n.b, ${actorId}::bigint, ${now}::timestamptz
              from json_to_recordset(${JSON.stringify(inApp.map((r) => ({ u: r.userId, e: r.event, t: r.title, b: r.body })))}::json)
                as n(u bigint, e text, t text, b text)
            returning id, user_id, event`,
      )
    : [];
  const noteOf = new Map(made.map((m) => [`${m.user_id}:${m.event}`, Number(m.id)]));
  const rows = outs.map((d) => ({
    u: d.userId,
    e: d.event,
    c: d.channel,
    to: d.to,
    s: d.status,
    r: d.reason,
    p: d.sealedPayload,
    n: d.userId ? (noteOf.get(`${d.userId}:${d.event}`) ?? null) : null,
  }));
  const written = rows.length
    ? await queryRows<{ id: string; channel: string; status: string; user_id: string | null }>(
        tx.db,
        sql`insert into deliveries (workspace_id, channel, user_id, "to", event, ticket_id, ticket_number, status, reason,
                                    sealed_payload, notification_id, created_at)
            select ${tx.workspaceId}::bigint, d.c, d.u, d.to, d.e, ${ticket.id}::bigint, ${ticket.number}::int, d.s, d.r, d.p, d.n,
                   ${now}::timestamptz
              from json_to_recordset(${JSON.stringify(rows)}::json)
                as d(u bigint, e text, c text, "to" text, s text, r text, p text, n bigint)
            returning id, channel, status, user_id`,
      )
    : [];
  return {
    notified: [...new Set(made.map((m) => Number(m.user_id)))],
    written: written.map((w) => ({
      id: Number(w.id),
      channel: w.channel,
      status: w.status,
      userId: w.user_id === null ? null : Number(w.user_id),
    })),
  };
}
