import { eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { groupMembers } from '../../../db/schema';
import type { AppDeps } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { access, requireActor } from '../../platform/http/access';
import { LiveHub, liveHubs } from './live-hub';
import { viewerOf } from './live-visibility';

/**
 * GET /events/stream. Memberships are read at connect time (see live-visibility.ts); one hub
 * per app fans the database's NOTIFYs out to the open streams.
 */
export const liveRoutes: FastifyPluginAsync = async (app) => {
  // One hub per app, made on the first stream; its LISTEN starts with it.
  let hub: LiveHub | null = null;
  const hubOf = (deps: AppDeps) => {
    if (!hub)
      liveHubs.set(
        deps,
        (hub = new LiveHub(deps.database, deps.log, { maxPerPerson: () => deps.config.liveStreamsPerPerson })),
      );
    return hub;
  };
  // preClose, not onClose: open streams would otherwise keep the server from closing.
  app.addHook('preClose', async () => {
    await hub?.close();
  });

  app.get(
    '/events/stream',
    {
      config: { access: access.signedIn() },
      schema: { tags: ['live'] }, // texts: live.api-docs.ts
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const groupIds =
        actor.role === 'customer'
          ? (
              await ctx.db
                .select({ id: groupMembers.groupId })
                .from(groupMembers)
                .where(inWorkspace(groupMembers, ctx, eq(groupMembers.userId, actor.id)))
            ).map((r) => r.id)
          : [];
      const hub = hubOf(ctx.deps);
      const viewer = viewerOf(ctx.workspaceId, actor, groupIds);
      // Errors up to here (full, this person's maximum, database down) get the usual translated answer.
      await hub.ready(viewer);
      const res = reply.raw;
      let ended = false;
      const remove = hub.attach({
        viewer,
        write: (chunk) => {
          if (!ended) res.write(chunk);
          return res.writableLength;
        },
        end: () => {
          if (!ended) res.end();
          ended = true;
        },
      });
      // From attach() to the first bytes nothing awaits, so no event can be written before the headers.
      reply.hijack();
      const gone = () => {
        ended = true;
        remove();
      };
      res.on('close', gone);
      // The client may have left while we waited for the LISTEN, its 'close' already gone by.
      if (req.raw.socket?.destroyed !== false) return gone();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
        'x-request-id': String(req.id),
      });
      res.write(`retry: 3000\nevent: connected\ndata: ${JSON.stringify({ type: 'connected' })}\n\n`);
    },
  );
};
