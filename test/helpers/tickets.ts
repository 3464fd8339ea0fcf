import { afterAll, beforeAll } from 'vitest';
import { ADMIN_PASSWORD, Client, createTestApp, makeUser, newWorkspace, signIn, type TestApp } from './test-app';

/**
 * A workspace set up for ticket tests: two departments, an admin, agents with a full and a
 * narrow access level, and two customers.
 */
export async function ticketWorld(t: TestApp) {
  const { slug, workspaceId } = await newWorkspace(t);
  const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  const support = (await admin.post('departments', { name: 'Support' })).json();
  const billing = (await admin.post('departments', { name: 'Billing' })).json();
  const internal = (await admin.post('departments', { name: 'Back office', usage: 'internal' })).json();
  const full = (
    await admin.post('access-levels', {
      name: 'full',
      permissions: [
        'tickets.create',
        'tickets.reply',
        'tickets.note',
        'tickets.edit',
        'tickets.assign',
        'tickets.transfer',
        'tickets.delete',
        'tickets.bulk',
        'tickets.view_logs',
      ],
    })
  ).json();
  const replyOnly = (await admin.post('access-levels', { name: 'reply only', permissions: ['tickets.reply'] })).json();
  const agent = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'Agent Smith',
    departmentIds: [support.id],
    accessLevelId: full.id,
    signature: 'Regards,\nAgent Smith',
  });
  const billingAgent = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'Bill',
    departmentIds: [billing.id],
    accessLevelId: full.id,
  });
  const narrow = await makeUser(t, admin, slug, {
    role: 'agent',
    name: 'Narrow',
    departmentIds: [support.id],
    accessLevelId: replyOnly.id,
  });
  const alice = await makeUser(t, admin, slug, { role: 'customer', name: 'Alice', email: `alice-${slug}@example.com` });
  const bob = await makeUser(t, admin, slug, { role: 'customer', name: 'Bob', email: `bob-${slug}@example.com` });
  return {
    slug,
    workspaceId,
    admin,
    support,
    billing,
    internal,
    agent,
    billingAgent,
    narrow,
    alice,
    bob,
    anon: new Client(t, { slug }),
  };
}

export async function openTicket(c: Client, body: Record<string, unknown>) {
  const res = await c.post('tickets', { subject: 'Printer on fire', body: '<p>It is on fire.</p>', ...body });
  if (res.statusCode !== 201) throw new Error(`create ticket failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export type TicketWorld = Awaited<ReturnType<typeof ticketWorld>>;

/** One app and one ticket world per test file: built before the tests, closed after. */
export function useTicketWorld(set: (t: TestApp, w: TicketWorld) => void) {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp();
    set(app, await ticketWorld(app));
  });
  afterAll(() => app?.close());
}

/**
 * Runs `make(i)` for i = 0…count-1 with at most `limit` at once, answering in order. Opening
 * hundreds of tickets at once only measures how long requests wait for a pooled connection,
 * which on a loaded machine ends in 503s that have nothing to do with what the test checks.
 */
export async function inParallel<T>(count: number, limit: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await make(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return out;
}
