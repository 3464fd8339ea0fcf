import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { idempotencyKeys } from '../../../db/schema';
import type { AppDeps, Ctx } from '../context';
import { createSealer, sha256 } from '../crypto';
import type { Tx } from '../db/database';
import { inWorkspace } from '../db/scope';
import { AppError, Conflict } from '../errors';
import type { Access } from './access';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route honours an `Idempotency-Key` header (POST creates). */
    idempotent?: boolean;
  }
}

/** How long the first answer to a key is kept and replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

type Row = typeof idempotencyKeys.$inferSelect;

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // whoever awaits it handles the failure; nobody may be left
  return { promise, resolve, reject };
}

/** A request whose change is being made, inside the transaction that also holds its key. */
interface Pending {
  tx: Tx;
  rowId: number;
  /** onSend has seen the answer. */
  sending: boolean;
  sendingStarted: ReturnType<typeof deferred<void>>;
  /** true: the answer is in the row, commit; false: not a success, roll back. */
  stored: ReturnType<typeof deferred<boolean>>;
  committed: ReturnType<typeof deferred<void>>;
}

class KeyTaken extends Error {}
class RollBack extends Error {}

/**
 * `Idempotency-Key` for the routes that declare `config.idempotent`. The first request with a
 * key runs its action inside one transaction with the key's row, and the answer is written to
 * that row before the commit — which happens before the answer leaves. So the change, the key
 * and the stored answer exist together or not at all, and a success is sent only once it is
 * committed. Later requests with the same key from the same person (or, on public forms, the
 * same address) within 24 hours get that answer again (`idempotent-replayed: true`) and change
 * nothing; the same key with another request is refused with 409. A request racing the first
 * waits on the key's unique index and then replays its answer. Failures store nothing: the
 * client may retry them with the same key. The route's action must write through
 * `withTx(ctx, …)`, which joins this transaction.
 */
export function installIdempotency(app: FastifyInstance, deps: AppDeps) {
  // Answers may hold secrets shown once (a guest's tracking code): sealed at rest.
  const sealer = createSealer(deps.config.secretKey, 'idempotency-answer');
  const pending = new WeakMap<FastifyRequest, Pending>();

  const replay = (reply: FastifyReply, row: Row, hash: string) => {
    if (row.requestHash !== hash) throw Conflict('errors.idempotency_key_reused');
    return reply
      .code(row.statusCode!)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(sealer.open(row.response!));
  };

  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    const rule = route.config.access as Access | undefined;
    const handler = route.handler as RouteHandlerMethod;
    route.handler = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      const key = req.headers['idempotency-key'];
      if (key === undefined) return handler.call(this, req, reply);
      if (typeof key !== 'string' || !KEY_SHAPE.test(key))
        throw new AppError('invalid', { key: 'errors.idempotency_key_invalid' });
      const ctx = req.ctx;
      const actor = rule?.kind === 'public' || !ctx.actor ? `g:${ctx.ip}` : `u:${ctx.actor.id}`;
      const hash = sha256(JSON.stringify([req.method, route.url, req.params ?? null, req.body ?? null]));
      const earlier = await findAnswer(ctx, actor, key);
      if (earlier) return replay(reply, earlier, hash);

      let state: Pending | undefined;
      try {
        await ctx.deps.database.db.transaction(async (tx) => {
          const [claimed] = await tx
            .insert(idempotencyKeys)
            .values({ workspaceId: ctx.workspaceId, actor, key, requestHash: hash, createdAt: ctx.deps.clock.now() })
            .onConflictDoNothing()
            .returning({ id: idempotencyKeys.id });
          if (!claimed) throw new KeyTaken(); // another request with this key committed first
          const p: Pending = {
            tx,
            rowId: claimed.id,
            sending: false,
            sendingStarted: deferred(),
            stored: deferred(),
            committed: deferred(),
          };
          state = p;
          pending.set(req, p);
          // The action's withTx() joins this transaction.
          req.ctx = { ...ctx, db: tx, inTx: true };
          // A handler that sent its answer returns `reply`, a thenable that settles only once the
          // answer has left — which waits for this transaction. So the handler's promise is not
          // awaited past the moment its answer reaches onSend.
          const handled = Promise.resolve(handler.call(this, req, reply));
          handled.catch(() => {});
          const result = await Promise.race([
            handled.then((value) => ({ value })),
            p.sendingStarted.promise.then(() => null),
          ]);
          if (result && !p.sending) {
            if (result.value === undefined) throw new Error(`${route.url} answered nothing`);
            reply.send(result.value);
          }
          if (!(await p.stored.promise)) throw new RollBack();
        });
        state!.committed.resolve();
      } catch (err) {
        if (err instanceof KeyTaken) {
          const winner = await findAnswer(ctx, actor, key);
          if (winner) return replay(reply, winner, hash);
          throw Conflict('errors.idempotency_key_reused');
        }
        // Nothing sent yet: the error is answered as usual, and no key is kept.
        if (!state?.sending) {
          pending.delete(req);
          throw err;
        }
        // The answer waits in onSend: a failed commit turns it into the error's answer.
        if (err instanceof RollBack) state.committed.resolve();
        else state.committed.reject(err);
      } finally {
        req.ctx = ctx; // the transaction is over: nothing may use it any more
      }
      return reply;
    };
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const state = pending.get(req);
    if (!state || state.sending) return payload;
    state.sending = true;
    state.sendingStarted.resolve();
    pending.delete(req);
    if (reply.statusCode < 200 || reply.statusCode >= 300 || typeof payload !== 'string') {
      state.stored.resolve(false);
      await state.committed.promise;
      return payload;
    }
    try {
      await state.tx
        .update(idempotencyKeys)
        .set({ statusCode: reply.statusCode, response: sealer.seal(payload) })
        .where(eq(idempotencyKeys.id, state.rowId));
    } catch (err) {
      state.stored.reject(err);
      throw err;
    }
    state.stored.resolve(true);
    // A commit that fails (the database went away) is answered with its error, never with 2xx.
    await state.committed.promise;
    return payload;
  });
}

/** The stored answer to `key`, if it is younger than a day; an older one is removed. */
async function findAnswer(ctx: Ctx, actor: string, key: string): Promise<Row | null> {
  const [row] = await ctx.db
    .select()
    .from(idempotencyKeys)
    .where(inWorkspace(idempotencyKeys, ctx, and(eq(idempotencyKeys.actor, actor), eq(idempotencyKeys.key, key))));
  if (!row) return null;
  if (row.createdAt.getTime() > ctx.deps.clock.now().getTime() - IDEMPOTENCY_TTL_MS && row.response !== null)
    return row;
  await ctx.db.delete(idempotencyKeys).where(inWorkspace(idempotencyKeys, ctx, eq(idempotencyKeys.id, row.id)));
  return null;
}
