import type { Permission } from '../../src/contracts/permissions';
import type { Actor } from '../../src/server/platform/context';
import type { Fixture } from './scenarios';

export interface People {
  workspaceId: number;
  admin: Actor;
  agent: Actor;
  customer: Actor;
  fixture: Fixture;
  notes: string[];
}

const actor = (id: number, role: Actor['role'], permissions: string[], departmentIds: number[]): Actor => ({
  id,
  role,
  name: `${role} ${id}`,
  username: `${role}${id}`,
  permissions: new Set(permissions as Permission[]),
  departmentIds,
  ticketAccess: true,
  locale: 'fa',
  via: 'token',
});

/** The admin; the agent (without tickets.view_all) with the longest queue; a customer with a median number of tickets. */
export async function people(
  q: (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>,
  slug: string,
): Promise<People> {
  const [ws] = await q('select id from workspaces where slug = $1', [slug]);
  if (!ws) throw new Error(`no workspace "${slug}": seed one with npm run bench:seed`);
  const wsId = Number(ws.id);
  const [adm] = await q(`select id from users where workspace_id = $1 and role = 'admin' order by id limit 1`, [wsId]);
  const [ag] = await q(
    `select u.id, al.permissions,
            array(select da.department_id from department_agents da where da.user_id = u.id
                   order by (select count(*) from tickets t where t.department_id = da.department_id and t.status in ('active','pending') and t.deleted_at is null) desc, da.department_id) as deps,
            (select count(*) from tickets t where t.workspace_id = u.workspace_id and t.status in ('active','pending') and t.deleted_at is null
               and t.department_id in (select da.department_id from department_agents da where da.user_id = u.id)) as open
       from users u join access_levels al on al.id = u.access_level_id
      where u.workspace_id = $1 and u.role = 'agent' and not ('tickets.view_all' = any(al.permissions))
      order by open desc, u.id limit 1`,
    [wsId],
  );
  const [cu] = await q(
    `with c as (select requester_id id, u.email, count(*) n from tickets t join users u on u.id = t.requester_id and u.role = 'customer'
                 where t.workspace_id = $1 group by requester_id, u.email)
     select id, email, n, (select count(*) from c) customers from c where email is not null order by n, id offset (select count(*) / 2 from c) limit 1`,
    [wsId],
  );
  const deps = (ag.deps as (string | number)[]).map(Number);
  return {
    workspaceId: wsId,
    admin: actor(Number(adm.id), 'admin', [], []),
    agent: actor(Number(ag.id), 'agent', ag.permissions as string[], deps),
    customer: actor(Number(cu.id), 'customer', [], []),
    fixture: { agentDepartment: deps[0], emailPrefix: String(cu.email).slice(0, String(cu.email).indexOf('@') - 1) },
    notes: [
      `the agent is agent #${ag.id}, a member of departments ${deps.join(', ')} without tickets.view_all, with ${Number(ag.open).toLocaleString('en')} open tickets in its departments (the longest queue)`,
      `the customer is user #${cu.id}, with ${cu.n} tickets (the median of ${Number(cu.customers).toLocaleString('en')} customers with tickets)`,
    ],
  };
}
