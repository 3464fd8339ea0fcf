import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type Client,
  type TestApp,
} from '../helpers/test-app';

/**
 * Issue 20: automatic assignment per department (round_robin, least_open) and the agents' "away"
 * switch with its substitute.
 */
let t: TestApp;
let admin: Client;
let slug: string;
let levelId: string;

type Person = Awaited<ReturnType<typeof makeUser>>;
const agents: Record<string, Person> = {};

async function agent(name: string): Promise<Person> {
  agents[name] = await makeUser(t, admin, slug, { role: 'agent', name, accessLevelId: levelId });
  return agents[name];
}

async function department(name: string, assignmentMode: string, members: Person[]) {
  const res = await admin.post('departments', { name, assignmentMode, agentIds: members.map((m) => m.id) });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().assignmentMode).toBe(assignmentMode);
  return res.json() as { id: string };
}

async function open(departmentId: string, extra: Record<string, unknown> = {}) {
  const res = await admin.post('tickets', { subject: 'Help', body: '<p>Please help</p>', departmentId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: number; assignees: { id: string }[] };
}

const assigneesOf = (tk: { assignees: { id: string }[] }) => tk.assignees.map((a) => a.id);

function tally(list: { assignees: { id: string }[] }[]) {
  const out: Record<string, number> = {};
  for (const tk of list) {
    expect(tk.assignees.length).toBeLessThanOrEqual(1);
    const id = tk.assignees[0]?.id ?? 'none';
    out[id] = (out[id] ?? 0) + 1;
  }
  return out;
}

async function events(number: number) {
  const res = await admin.get(`tickets/${number}/events`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items ?? res.json()) as { kind: string; data: Record<string, unknown> }[];
}

async function setAway(who: Client, body: Record<string, unknown>) {
  const res = await who.patch('me', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  const level = await admin.post('access-levels', {
    name: 'full',
    permissions: ['tickets.create', 'tickets.reply', 'tickets.edit', 'tickets.assign', 'tickets.transfer'],
  });
  levelId = level.json().id;
});
afterAll(() => t?.close());

describe('department setting', () => {
  it('defaults to manual, changes by PATCH, and refuses an unknown mode with a 400 that changes nothing', async () => {
    const d = (await admin.post('departments', { name: 'Plain' })).json();
    expect(d.assignmentMode).toBe('manual');
    const bad = await admin.patch(`departments/${d.id}`, { assignmentMode: 'lottery' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.assignmentMode).toBeTruthy();
    expect((await admin.get(`departments/${d.id}`)).json().assignmentMode).toBe('manual');
    const ok = await admin.patch(`departments/${d.id}`, { assignmentMode: 'least_open' });
    expect(ok.json().assignmentMode).toBe('least_open');
  });
});

describe('round robin', () => {
  let dep: { id: string };
  let present: Person[];
  let away: Person;

  beforeAll(async () => {
    present = [await agent('RR one'), await agent('RR two'), await agent('RR three')];
    away = await agent('RR away');
    dep = await department('Round robin', 'round_robin', [...present, away]);
    const me = await setAway(away.client, { away: true });
    expect(me.away).toBe(true);
    expect(me.awayUntil).toBeNull();
  });

  it('gives 100 tickets in turn: 33 or 34 each to the present agents, none to the away one', async () => {
    const made = [];
    for (let i = 0; i < 100; i++) made.push(await open(dep.id));
    const counts = tally(made);
    expect(counts[away.id]).toBeUndefined();
    expect(counts.none).toBeUndefined();
    for (const p of present) expect([33, 34]).toContain(counts[p.id]);
    // Strictly in turn, by id.
    const order = present.map((p) => p.id).sort((a, b) => Number(a) - Number(b));
    const seq = made.map((tk) => tk.assignees[0].id);
    for (let i = 1; i < seq.length; i++)
      expect(order.indexOf(seq[i])).toBe((order.indexOf(seq[i - 1]) + 1) % order.length);
    const log = await events(made[0].number);
    expect(log.find((e) => e.kind === 'assigned')?.data).toMatchObject({ auto: true, to: [seq[0]] });
  });

  it('stays fair when 100 tickets are opened concurrently', async () => {
    const made: { number: number; assignees: { id: string }[] }[] = [];
    for (let b = 0; b < 5; b++) made.push(...(await Promise.all(Array.from({ length: 20 }, () => open(dep.id)))));
    const counts = tally(made);
    expect(counts[away.id]).toBeUndefined();
    expect(counts.none).toBeUndefined();
    for (const p of present) expect([33, 34]).toContain(counts[p.id]);
    // Whatever order the requests ran in, consecutive numbers went round the agents in turn.
    const byNumber = [...made].sort((a, b) => a.number - b.number).map((tk) => tk.assignees[0].id);
    for (let i = 3; i < byNumber.length; i++) expect(byNumber[i]).toBe(byNumber[i - 3]);
    expect(new Set(byNumber.slice(0, 3)).size).toBe(3);
  });

  it('takes an agent back into the rotation once their away time has passed', async () => {
    const until = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const me = await setAway(away.client, { away: true, awayUntil: until });
    expect(me.away).toBe(true);
    expect(new Date(me.awayUntil).getTime()).toBe(new Date(until).getTime());
    expect(tally(await Promise.all([1, 2, 3].map(() => open(dep.id))))[away.id]).toBeUndefined();
    t.clock.advance(3600_000 + 1000);
    const user = (await admin.get(`users/${away.id}`)).json();
    expect(user.away).toBe(false);
    const next = [];
    for (let i = 0; i < 4; i++) next.push(await open(dep.id));
    expect(tally(next)[away.id]).toBe(1);
  });

  it('does not assign automatically when an assignee is given or the ticket is created closed', async () => {
    const given = await open(dep.id, { assigneeIds: [present[0].id] });
    expect(assigneesOf(given)).toEqual([present[0].id]);
    const closed = await open(dep.id, { status: 'closed' });
    expect(closed.assignees).toEqual([]);
  });
});

describe('least open', () => {
  it('picks the present agent with the fewest open tickets, ties in turn', async () => {
    const [x, y, z] = [await agent('LO x'), await agent('LO y'), await agent('LO z')];
    const manual = await department('LO manual', 'manual', [x, y, z]);
    const dep = await department('Least open', 'least_open', [x, y, z]);
    // x: 2 open; y: 1 open and 3 closed; z: 1 pending.
    for (const who of [x, x, y]) await open(manual.id, { assigneeIds: [who.id] });
    for (let i = 0; i < 3; i++) await open(manual.id, { assigneeIds: [y.id], status: 'closed' });
    await open(manual.id, { assigneeIds: [z.id], status: 'pending' });
    // y and z tie at 1: the first in turn (lowest id, nobody picked yet) gets it.
    const first = await open(dep.id);
    expect(assigneesOf(first)).toEqual([y.id]);
    // Now z has the fewest (1 against 2 and 2).
    expect(assigneesOf(await open(dep.id))).toEqual([z.id]);
    // All at 2: in turn after z, wrapping to x.
    expect(assigneesOf(await open(dep.id))).toEqual([x.id]);
    // Away agents are not counted in: z away, y and x at 2 and 3 → y.
    await setAway(z.client, { away: true });
    expect(assigneesOf(await open(dep.id))).toEqual([y.id]);
  });
});

describe('substitutes', () => {
  let dep: { id: string };
  let away: Person;
  let sub: Person;

  beforeAll(async () => {
    away = await agent('Sub away');
    sub = await agent('Sub present');
    dep = await department('Substitutes', 'manual', [away, sub]);
  });

  it('checks the away fields: 400 for a past return, oneself, a customer or an unknown substitute, changing nothing', async () => {
    const past = new Date(t.clock.now().getTime() - 60_000).toISOString();
    const r1 = await away.client.patch('me', { away: true, awayUntil: past });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.fields.awayUntil).toBeTruthy();
    const r2 = await away.client.patch('me', { away: true, substituteId: away.id });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.fields.substituteId).toBeTruthy();
    const r3 = await away.client.patch('me', { awayUntil: new Date(t.clock.now().getTime() + 60_000).toISOString() });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.fields.awayUntil).toBeTruthy();
    const customer = await makeUser(t, admin, slug, { role: 'customer', name: 'Cust' });
    const r4 = await customer.client.patch('me', { away: true });
    expect(r4.statusCode).toBe(400);
    expect(r4.json().error.fields.away).toBeTruthy();
    const r5 = await away.client.patch('me', { away: true, substituteId: customer.id });
    expect(r5.statusCode).toBe(400);
    const user = (await admin.get(`users/${away.id}`)).json();
    expect(user).toMatchObject({ away: false, awayUntil: null, substituteId: null });
  });

  it('gives what is assigned to an away agent to their present substitute, noted in the log', async () => {
    // An admin switches the agent away with a substitute (PATCH /users/:id).
    const res = await admin.patch(`users/${away.id}`, { away: true, substituteId: sub.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ away: true, substituteId: sub.id });
    const tk = await open(dep.id, { assigneeIds: [away.id] });
    expect(assigneesOf(tk)).toEqual([sub.id]);
    const log = await events(tk.number);
    expect(log.find((e) => e.kind === 'assigned')?.data).toMatchObject({
      to: [sub.id],
      substitutions: [{ for: away.id, by: sub.id }],
    });
    // By a change too.
    const other = await open(dep.id);
    const changed = await admin.patch(`tickets/${other.number}`, { assigneeIds: [away.id] });
    expect(assigneesOf(changed.json())).toEqual([sub.id]);
  });

  it('never follows a chain: a substitute who is away too leaves the choice as made', async () => {
    await setAway(sub.client, { away: true });
    const tk = await open(dep.id, { assigneeIds: [away.id] });
    expect(assigneesOf(tk)).toEqual([away.id]);
    await setAway(sub.client, { away: false });
  });

  it('lets an away agent take a ticket themselves', async () => {
    const tk = await open(dep.id);
    const res = await away.client.post(`tickets/${tk.number}/assign-to-me`);
    expect(res.statusCode, res.body).toBe(200);
    expect(assigneesOf(res.json())).toEqual([away.id]);
  });

  it('switching away off clears the return time and keeps the substitute for next time', async () => {
    const until = new Date(t.clock.now().getTime() + 86400_000).toISOString();
    await setAway(away.client, { awayUntil: until });
    const me = await setAway(away.client, { away: false });
    expect(me).toMatchObject({ away: false, awayUntil: null, substituteId: sub.id });
    // Present again: assigned as chosen.
    expect(assigneesOf(await open(dep.id, { assigneeIds: [away.id] }))).toEqual([away.id]);
  });
});

describe('manual, transfer and nobody present', () => {
  it('leaves tickets of a manual department unassigned', async () => {
    const a = await agent('Manual agent');
    const dep = await department('Manual', 'manual', [a]);
    expect((await open(dep.id)).assignees).toEqual([]);
  });

  it('assigns a ticket transferred without an assignee the way the new department does', async () => {
    const a = await agent('Transfer target');
    const from = await department('Transfer from', 'manual', []);
    const to = await department('Transfer to', 'round_robin', [a]);
    const tk = await open(from.id);
    const moved = await admin.patch(`tickets/${tk.number}`, { departmentId: to.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(assigneesOf(moved.json())).toEqual([a.id]);
    const log = await events(tk.number);
    expect(log.map((e) => e.kind)).toEqual(expect.arrayContaining(['transferred', 'assigned']));
    expect(log.find((e) => e.kind === 'assigned')?.data).toMatchObject({ auto: true, to: [a.id] });
    // Transferred with its assignee kept: nothing changes hands.
    const b = await agent('Keeps it');
    const kept = await open(from.id, { assigneeIds: [b.id] });
    const movedKept = await admin.patch(`tickets/${kept.number}`, { departmentId: to.id });
    expect(assigneesOf(movedKept.json())).toEqual([b.id]);
    // Transferred with the assignees cleared: the new department's turn.
    const cleared = await admin.patch(`tickets/${kept.number}`, { departmentId: from.id });
    expect(cleared.statusCode).toBe(200);
    const back = await admin.patch(`tickets/${kept.number}`, { departmentId: to.id, assigneeIds: [] });
    expect(assigneesOf(back.json())).toEqual([a.id]);
  });

  it('leaves the ticket unassigned when nobody in the department is present', async () => {
    const a = await agent('Gone one');
    const b = await agent('Gone two');
    const dep = await department('Empty', 'round_robin', [a, b]);
    await setAway(a.client, { away: true });
    const res = await admin.patch(`users/${b.id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect((await open(dep.id)).assignees).toEqual([]);
    const none = await department('No agents', 'least_open', []);
    expect((await open(none.id)).assignees).toEqual([]);
  });
});

describe('isolation', () => {
  it('never takes a substitute, or an agent, from another workspace', async () => {
    const other = await newWorkspace(t);
    const otherAdmin = await signIn(t, other.slug, 'admin', ADMIN_PASSWORD);
    const stranger = await makeUser(t, otherAdmin, other.slug, { role: 'agent', name: 'Stranger' });
    const a = await agent('Home agent');
    const res = await a.client.patch('me', { away: true, substituteId: stranger.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.substituteId).toBeTruthy();
    expect((await admin.get(`users/${a.id}`)).json().away).toBe(false);
    // A department of the other workspace in round robin: its tickets go to its own agent only.
    const dep = (
      await otherAdmin.post('departments', { name: 'There', assignmentMode: 'round_robin', agentIds: [stranger.id] })
    ).json();
    const tk = await otherAdmin.post('tickets', { subject: 'x', body: '<p>x</p>', departmentId: dep.id });
    expect(tk.statusCode, tk.body).toBe(201);
    expect(assigneesOf(tk.json())).toEqual([stranger.id]);
    // This workspace cannot touch it.
    expect((await admin.patch(`departments/${dep.id}`, { assignmentMode: 'manual' })).statusCode).toBe(404);
  });
});
