import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';

/**
 * The raw-PostgreSQL floor: the statements that creating a ticket and listing a queue perform
 * in the product (session lookup, the ticket's transaction, the page and its lookups), issued
 * directly with a `pg` pool at the same concurrency — what the database alone costs.
 */
interface Opts {
  connections: number;
  durationS: number;
  warmupS: number;
}

async function loop(
  pool: pg.Pool,
  connections: number,
  seconds: number,
  op: (c: pg.PoolClient) => Promise<void>,
  record: number[] | null,
) {
  const end = performance.now() + seconds * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const c = await pool.connect();
        const t0 = performance.now();
        try {
          await op(c);
          record?.push(performance.now() - t0);
        } catch (err) {
          if (errors++ === 0) process.stderr.write(`floor: first error: ${(err as Error).message}\n`);
          await c.query('rollback').catch(() => {});
        } finally {
          c.release();
        }
      }
    }),
  );
  return errors;
}

function summary(lat: number[], errors: number, durationS: number) {
  lat.sort((a, b) => a - b);
  const p = (q: number) => Math.round((lat[Math.min(lat.length - 1, Math.ceil(q * lat.length) - 1)] ?? 0) * 100) / 100;
  return {
    requests: lat.length,
    rps: Math.round((lat.length / durationS) * 100) / 100,
    p50: p(0.5),
    p95: p(0.95),
    p99: p(0.99),
    max: p(1),
    errors,
    non2xx: 0,
    durationS,
  };
}

async function context(pool: pg.Pool, workspace: string) {
  const ws = (await pool.query('select id from workspaces where slug = $1', [workspace])).rows[0]?.id;
  if (!ws) throw new Error(`no workspace ${workspace}`);
  const customer = (
    await pool.query("select id, email from users where workspace_id = $1 and role = 'customer' order by id limit 1", [
      ws,
    ])
  ).rows[0];
  const agent = (await pool.query("select id from users where workspace_id = $1 and username = 'agent1'", [ws]))
    .rows[0];
  const deps = (
    await pool.query('select department_id from department_agents where user_id = $1 order by 1', [agent.id])
  ).rows.map((r) => Number(r.department_id));
  const dep = (
    await pool.query(
      "select id from departments where workspace_id = $1 and usage <> 'internal' and active order by id limit 1",
      [ws],
    )
  ).rows[0].id;
  // A session of each, as the product would look up on every request.
  const session = async (userId: number) => {
    const id = createHash('sha256').update(randomBytes(32)).digest('hex');
    await pool.query(
      "insert into sessions (id, workspace_id, user_id, csrf_token, expires_at) values ($1, $2, $3, 'x', now() + interval '1 day')",
      [id, ws, userId],
    );
    return id;
  };
  return {
    ws: Number(ws),
    customer,
    agentId: Number(agent.id),
    deps,
    dep: Number(dep),
    customerSession: await session(customer.id),
    agentSession: await session(agent.id),
  };
}

const SESSION_SQL = `select u.id, u.workspace_id, u.role, u.name, u.username, u.ticket_access, u.locale, al.permissions,
  array(select da.department_id::int from department_agents da where da.user_id = u.id order by 1) as department_ids, s.csrf_token
  from sessions s join users u on u.id = s.user_id and u.workspace_id = s.workspace_id
  left join access_levels al on al.id = u.access_level_id and al.workspace_id = u.workspace_id
  where s.id = $1 and s.expires_at > now() and u.deleted_at is null and u.active`;

export async function floorCreate(url: string, workspace: string, o: Opts) {
  const pool = new pg.Pool({
    connectionString: url,
    max: o.connections,
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
  });
  const c0 = await context(pool, workspace);
  let seq = 0;
  const op = async (c: pg.PoolClient) => {
    const subject = `floor ${++seq} مشکل اتصال`;
    await c.query(SESSION_SQL, [c0.customerSession]);
    await c.query('select * from departments where workspace_id = $1 and id = $2', [c0.ws, c0.dep]);
    await c.query('begin');
    await c.query('select email from users where id = $1', [c0.customer.id]);
    const id = (await c.query("select nextval(pg_get_serial_sequence('tickets', 'id'))::bigint as id")).rows[0].id;
    const t = (
      await c.query(
        `insert into tickets (id, workspace_id, number, subject, department_id, priority, status, requester_id, created_by_id, waiting_since, status_changed_at, requester_email, subject_norm, search_public, last_customer_reply_at)
       overriding system value values ($1, $2, $3, $4, $5, 'medium', 'active', $6, $6, now(), now(), $7, $4, workspace_lexemes($2::bigint, to_tsvector('simple', $4)), now()) returning id`,
        [id, c0.ws, -Number(id), subject, c0.dep, c0.customer.id, c0.customer.email],
      )
    ).rows[0].id;
    const m = (
      await c.query(
        "insert into messages (workspace_id, ticket_id, kind, author_id, author_kind, author_name, body_html, direction) values ($1, $2, 'reply', $3, 'customer', 'x', $4, 'auto') returning id",
        [c0.ws, t, c0.customer.id, '<p>سلام، اتصال اینترنت قطع است.</p>'],
      )
    ).rows[0].id;
    await c.query(
      "update tickets set message_count = message_count + 1, search_public = search_public || workspace_lexemes($3::bigint, to_tsvector('simple', $2)), last_message_at = now(), updated_at = now() where id = $1",
      [t, 'سلام، اتصال اینترنت قطع است.', c0.ws],
    );
    await c.query(
      "insert into ticket_events (workspace_id, ticket_id, actor_id, actor_name, kind, data) values ($1, $2, $3, 'x', 'created', '{}')",
      [c0.ws, t, c0.customer.id],
    );
    await c.query("insert into pgboss.job (name, data) values ('notify.ticket', $1)", [
      JSON.stringify({ workspaceId: c0.ws, ticketId: t }),
    ]);
    // As the product does: the number last, in one statement, then the NOTIFY and commit.
    const n = (
      await c.query(
        `with counter as (insert into ticket_counters (workspace_id, last_number) values ($1, 1)
         on conflict (workspace_id) do update set last_number = ticket_counters.last_number + 1 returning last_number)
       update tickets set number = (select last_number from counter) where id = $2 returning number`,
        [c0.ws, t],
      )
    ).rows[0].number;
    await c.query("select pg_notify('pishkhan_events', $1)", [JSON.stringify({ type: 'ticket.created', w: c0.ws, n })]);
    await c.query('commit');
    // The answer, read after commit: names in one query, and the message's attachments.
    await c.query(
      "select 'u' as k, id, name from users where workspace_id = $1 and id = $2 union all select 'd', id, name from departments where workspace_id = $1 and id = $3",
      [c0.ws, c0.customer.id, c0.dep],
    );
    await c.query(
      'select id, message_id, name, size, content_type from files where workspace_id = $1 and message_id = any($2)',
      [c0.ws, [m]],
    );
  };
  if (o.warmupS) await loop(pool, o.connections, o.warmupS, op, null);
  const lat: number[] = [];
  const errors = await loop(pool, o.connections, o.durationS, op, lat);
  await pool.end();
  return summary(lat, errors, o.durationS);
}

export async function floorQueue(url: string, workspace: string, o: Opts) {
  const pool = new pg.Pool({
    connectionString: url,
    max: o.connections,
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
  });
  const c0 = await context(pool, workspace);
  const scope = `(department_id = any($2) or $3 = any(assignee_ids) or requester_id = $3
    or exists (select 1 from ticket_participants p where p.ticket_id = tickets.id and p.user_id = $3))`;
  const where = `workspace_id = $1 and ${scope} and deleted_at is null and status in ('active', 'pending')`;
  const op = async (c: pg.PoolClient) => {
    await c.query(SESSION_SQL, [c0.agentSession]);
    const [page] = await Promise.all([
      c.query(
        `select id, number, subject, department_id, priority, status, requester_id, assignee_ids, tag_ids, message_count, waiting_since, created_at, updated_at, pinned, internal, guest_name, guest_email, requester_group_id, type_id, deleted_at
        from tickets where ${where} order by pinned desc, waiting_since asc nulls last, id asc limit 25`,
        [c0.ws, c0.deps, c0.agentId],
      ),
    ]);
    await c.query(`select count(*) from (select 1 from tickets where ${where} limit 1001) capped`, [
      c0.ws,
      c0.deps,
      c0.agentId,
    ]);
    const rows = page.rows;
    const users = [...new Set(rows.flatMap((r) => [r.requester_id, ...r.assignee_ids]).filter(Boolean))];
    const tags = [...new Set(rows.flatMap((r) => r.tag_ids))];
    await c.query(
      "select 'u' as k, id, name from users where workspace_id = $1 and id = any($2) union all select 'd', id, name from departments where workspace_id = $1 and id = any($3) union all select 't', id, name from tags where workspace_id = $1 and id = any($4)",
      [c0.ws, users, [...new Set(rows.map((r) => r.department_id))], tags],
    );
  };
  if (o.warmupS) await loop(pool, o.connections, o.warmupS, op, null);
  const lat: number[] = [];
  const errors = await loop(pool, o.connections, o.durationS, op, lat);
  await pool.end();
  return summary(lat, errors, o.durationS);
}
