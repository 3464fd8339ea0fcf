import { eq, sql, type SQL } from 'drizzle-orm';
import { signInFailures } from '../../db/schema';
import type { Ctx } from './context';
import { AppError } from './errors';
import { queryRows } from './db/database';
import { inWorkspace } from './db/scope';

/** A limit: at most `limit` (hits, or units of a budget) per fixed window of `windowSeconds`. */
export interface Limit {
  limit: number;
  windowSeconds: number;
}

/** The window `now` falls in, and the seconds left until it ends (at least 1). */
function windowOf(ctx: Ctx, windowSeconds: number) {
  const now = ctx.deps.clock.now().getTime();
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now / windowMs) * windowMs);
  return { start, secondsLeft: Math.max(1, Math.ceil((start.getTime() + windowMs - now) / 1000)) };
}

/** Adds `amount` to the counter of `key` in its window and returns the new total. */
async function add(ctx: Ctx, key: string, amount: number, start: Date): Promise<number> {
  const r = await queryRows<{ count: number }>(
    ctx.deps.database.db,
    sql`
    insert into rate_limits (workspace_id, key, window_start, count) values (${ctx.workspaceId}, ${key}, ${start}, ${amount})
    on conflict (workspace_id, key, window_start) do update set count = rate_limits.count + excluded.count
    returning count`,
  );
  return Number(r[0].count);
}

/** A 429 with Retry-After and a message of its own, filled with `{seconds}` and any `params`. */
export const rateLimitedWith = (messageKey: string, retryAfter: number, params: Record<string, number> = {}) =>
  new AppError(
    'rate_limited',
    { key: messageKey, params: { seconds: retryAfter, ...params } },
    undefined,
    undefined,
    retryAfter,
  );

/**
 * A fixed-window counter in the database, so that the limit holds across all server
 * processes. Throws 429 with Retry-After once `limit` hits fall in the current window;
 * `messageKey` (with `{seconds}`) says what was limited.
 */
export async function hitRateLimit(
  ctx: Ctx,
  key: string,
  limit: number,
  windowSeconds: number,
  messageKey = 'errors.rate_limited',
): Promise<void> {
  const w = windowOf(ctx, windowSeconds);
  if ((await add(ctx, key, 1, w.start)) > limit) throw rateLimitedWith(messageKey, w.secondsLeft);
}

/**
 * The same counter for a limit that answers nothing when it is reached (a mail not sent, for
 * example): counts the hit and says whether it is still within `limit`.
 */
export async function countHit(ctx: Ctx, key: string, limit: number, windowSeconds: number): Promise<boolean> {
  return (await add(ctx, key, 1, windowOf(ctx, windowSeconds).start)) <= limit;
}

/**
 * A budget in the same table: the counter holds units spent (KiB of uploads, say) in the
 * current window. `checkBudget` refuses once it is used up, before any work is done;
 * `spendBudget` adds an amount and, when that goes over the limit, takes it back and refuses —
 * concurrent spenders cannot together pass the limit.
 */
export async function checkBudget(ctx: Ctx, key: string, l: Limit, refuse: (retryAfter: number) => AppError) {
  const w = windowOf(ctx, l.windowSeconds);
  const [row] = await queryRows<{ count: number }>(
    ctx.deps.database.db,
    sql`select count from rate_limits where workspace_id = ${ctx.workspaceId} and key = ${key} and window_start = ${w.start}`,
  );
  if (row && Number(row.count) >= l.limit) throw refuse(w.secondsLeft);
}

export async function spendBudget(
  ctx: Ctx,
  key: string,
  amount: number,
  l: Limit,
  refuse: (retryAfter: number) => AppError,
) {
  const w = windowOf(ctx, l.windowSeconds);
  if ((await add(ctx, key, amount, w.start)) <= l.limit) return;
  await add(ctx, key, -amount, w.start);
  throw refuse(w.secondsLeft);
}

/**
 * The address a sign-in limit counts against: an IPv4 address as it is (also when IPv4-mapped),
 * an IPv6 one by its /64 network, which one subscriber usually holds whole.
 */
export function addressKey(ip: string): string {
  const plain = ip.replace(/%.*$/, '').toLowerCase();
  if (plain.startsWith('::ffff:') && plain.includes('.')) return plain.slice(7);
  if (!plain.includes(':')) return plain;
  // Groups of the written halves (an IPv4 tail is two groups); `::` stands for the missing ones.
  const groups = (part = '') => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const [head, tail] = plain.split('::').map(groups);
  const all = tail ? [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail] : head;
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** After this many failures of one account from one address, that address waits 1 s; each further failure doubles it. */
export const SIGN_IN_FAILURES_BEFORE_WAIT = 5;
/** The longest wait between two tries of one account from one address. */
export const SIGN_IN_MAX_WAIT_SECONDS = 15 * 60;
/** Failed sign-ins from one address, whatever the account (a fixed window). */
export const SIGN_IN_ADDRESS_LIMIT: Limit = { limit: 30, windowSeconds: 600 };

/** Seconds to wait after the `failures`-th failure: 0 for the first few, then 1, 2, 4 … up to the cap. */
export const signInWait = (failures: number) =>
  failures < SIGN_IN_FAILURES_BEFORE_WAIT
    ? 0
    : Math.min(SIGN_IN_MAX_WAIT_SECONDS, 2 ** Math.min(failures - SIGN_IN_FAILURES_BEFORE_WAIT, 30));

/** signInWait in SQL, for the statement that counts a failure. */
const waitSql = (failures: SQL) => {
  const before = sql.raw(String(SIGN_IN_FAILURES_BEFORE_WAIT));
  return sql`case when ${failures} < ${before} then 0
    else least(${sql.raw(String(SIGN_IN_MAX_WAIT_SECONDS))}, power(2, least(${failures} - ${before}, 30))) end`;
};

/**
 * Guards one try of a secret (a password, an SMS code, a directory password) for an account
 * from an address. `accountKey` names the account however its login was written (`user:<id>`),
 * or the normalised login when it names no account, so that both behave alike.
 *
 * The try is counted as a failure *before* the secret is checked, in one statement that only
 * succeeds once the address's wait for that account is over: parallel tries are stopped at the
 * same count as serial ones, and a throttled try costs no hashing. After SIGN_IN_FAILURES_BEFORE_WAIT
 * the address waits 1 s, 2 s, 4 s … (at most 15 min) between tries for that account, answered
 * 429 with Retry-After; other addresses are not affected, so no stranger can lock the owner out.
 * Failures from the address for any account are also capped by SIGN_IN_ADDRESS_LIMIT.
 * `passed()`, called once the secret was right, forgets the account's failures from the address
 * and gives back the address's count.
 */
export async function guardSignIn(ctx: Ctx, who: { accountKey: string; address: string }) {
  const address = addressKey(who.address);
  const addressCounter = `signin:ip:${address}`;
  const w = windowOf(ctx, SIGN_IN_ADDRESS_LIMIT.windowSeconds);
  if ((await add(ctx, addressCounter, 1, w.start)) > SIGN_IN_ADDRESS_LIMIT.limit)
    throw rateLimitedWith('errors.sign_in_wait', w.secondsLeft);

  const now = ctx.deps.clock.now();
  const db = ctx.deps.database.db;
  const claimed = await queryRows<{ failures: number }>(
    db,
    sql`insert into sign_in_failures as f (workspace_id, account_key, address, failures, next_try_at)
      values (${ctx.workspaceId}, ${who.accountKey}, ${address}, 1, ${new Date(now.getTime() + signInWait(1) * 1000)})
      on conflict (workspace_id, account_key, address) do update
        set failures = f.failures + 1,
            next_try_at = ${now}::timestamptz + make_interval(secs => ${waitSql(sql`(f.failures + 1)`)})
        where f.next_try_at <= ${now}
      returning failures`,
  );
  const row = inWorkspace(
    signInFailures,
    ctx,
    eq(signInFailures.accountKey, who.accountKey),
    eq(signInFailures.address, address),
  );
  if (!claimed.length) {
    const [wait] = await db.select({ until: signInFailures.nextTryAt }).from(signInFailures).where(row);
    const ms = wait?.until ? wait.until.getTime() - now.getTime() : 0;
    throw rateLimitedWith('errors.sign_in_wait', Math.max(1, Math.ceil(ms / 1000)));
  }
  return {
    /** The failures counted so far, this try included. */
    failures: Number(claimed[0].failures),
    async passed() {
      await db.delete(signInFailures).where(row);
      await add(ctx, addressCounter, -1, w.start);
    },
  };
}
