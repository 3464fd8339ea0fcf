import type { Rng } from './random';

/** c: the requester (customer or guest) replies; a: an agent replies; n: an internal note. */
export type Side = 'c' | 'a' | 'n';
export type Status = 'active' | 'pending' | 'closed' | 'locked';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface Conversation {
  status: Status;
  sides: Side[];
  times: number[];
  replies: number;
  notes: number;
  waitingSince: number | null;
  lastMessageAt: number | null;
  lastAgentReplyAt: number | null;
  lastCustomerReplyAt: number | null;
  statusChangedAt: number;
  closedAt: number | null;
  updatedAt: number;
}

/**
 * Who writes when, and the ticket fields the application derives from it, following
 * tickets/write/ (openTicket, appendMessage, statusAfterMessage()): a requester's reply makes the
 * ticket active and starts the waiting clock (kept while it stays active); an agent's reply
 * makes it pending and stops the clock; notes change neither. Internal tickets are written by
 * agents only.
 */
export function conversation(
  rng: Rng,
  o: { count: number; created: number; status: Status; opener: 'a' | 'c'; internal: boolean; now: number },
): Conversation {
  let status = o.status;
  const sides: Side[] = [o.opener];
  let last: 'a' | 'c' = o.opener;
  for (let k = 1; k < o.count; k++) {
    if (rng.chance(0.07)) sides.push('n');
    else {
      last = o.internal ? 'a' : rng.chance(0.85) ? (last === 'a' ? 'c' : 'a') : last;
      sides.push(last);
    }
  }
  // The last reply matches the status: active waits on us, pending on the requester.
  const lastReply = sides.map((s) => s !== 'n').lastIndexOf(true);
  if (!o.internal && (status === 'active' || status === 'pending')) {
    const want = status === 'active' ? 'c' : 'a';
    if (lastReply > 0) sides[lastReply] = want;
    else if (sides[0] !== want) status = sides[0] === 'c' ? 'active' : 'pending';
  }

  // Times: agents answer within hours, requesters within half a day; auto-close after a week.
  const times: number[] = [o.created];
  let t = o.created;
  let prev: Side = sides[0];
  for (let k = 1; k < sides.length; k++) {
    const s = sides[k];
    t +=
      s === 'n'
        ? 2 * MIN + rng.exp(HOUR)
        : s === prev
          ? 2 * MIN + rng.exp(2 * HOUR)
          : s === 'a'
            ? 10 * MIN + rng.exp(4 * HOUR)
            : 5 * MIN + rng.exp(12 * HOUR);
    if (s !== 'n') prev = s;
    times.push(t);
  }
  const lastSide = sides[lastReply];
  let end: number | null = null;
  if (status === 'closed' || status === 'locked') {
    end =
      t +
      (lastSide === 'a' ? (rng.chance(0.6) ? 7 * DAY + rng.exp(HOUR) : rng.exp(1.5 * DAY)) : 10 * MIN + rng.exp(DAY));
    if (status === 'locked') end += rng.exp(5 * DAY);
  }
  // Squeeze the conversation into the time before now.
  const limit = o.now - MIN;
  const finish = end ?? t;
  if (finish > limit) {
    const f = (limit - o.created) / (finish - o.created);
    for (let k = 0; k < times.length; k++) times[k] = Math.round(o.created + (times[k] - o.created) * f);
    if (end !== null) end = Math.round(o.created + (end - o.created) * f);
  } else {
    for (let k = 0; k < times.length; k++) times[k] = Math.round(times[k]);
    if (end !== null) end = Math.round(end);
  }

  let lastAgent: number | null = null;
  let lastCustomer: number | null = null;
  let lastMessage: number | null = null;
  let runStart = o.created; // when the trailing run of same-side replies began
  let runSide: Side | null = null;
  let replies = 0;
  sides.forEach((s, k) => {
    if (s === 'n') return;
    replies++;
    lastMessage = times[k];
    if (s === 'a' && !(k === 0 && o.internal)) lastAgent = times[k];
    if (s === 'c') lastCustomer = times[k];
    if (s !== runSide) {
      runSide = s;
      runStart = times[k];
    }
  });
  const open = status === 'active' || status === 'pending';
  const statusChangedAt = open ? (o.internal ? o.created : runStart) : end!;
  return {
    status,
    sides,
    times,
    replies,
    notes: sides.length - replies,
    waitingSince: status === 'active' ? runStart : null,
    lastMessageAt: lastMessage,
    lastAgentReplyAt: lastAgent,
    lastCustomerReplyAt: lastCustomer,
    statusChangedAt,
    closedAt: status === 'closed' ? end : null,
    updatedAt: Math.max(times[times.length - 1], statusChangedAt),
  };
}
