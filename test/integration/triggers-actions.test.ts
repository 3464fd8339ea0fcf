import { describe, expect, it } from 'vitest';
import { jobCtx } from '../../src/server/platform/job-ctx';
import { runTriggers, TRIGGERS_RUN_QUEUE, type TriggersRunJob } from '../../src/server/modules/automation';
import { drainNotifications, toldOf } from '../helpers/notifications';
import { subjectHas, triggerTools } from '../helpers/triggers';
import { openTicket, useTicketWorld, type TicketWorld } from '../helpers/tickets';
import { ADMIN_PASSWORD, Client, newWorkspace, signIn, unique, type TestApp } from '../helpers/test-app';

/**
 * K7 triggers at work: every action through the real write path, the order by position (never by
 * name), loop protection (a chain never fires a trigger twice, and stops at depth 5), inactive
 * triggers, and the run log. The conditions and the API's checks are in triggers-conditions.test.ts.
 */
let t: TestApp;
let w: TicketWorld;
useTicketWorld((app, world) => {
  t = app;
  w = world;
});
const { sql, drainTriggers, ticketRow, runsOf, makeTrigger, makeTag } = triggerTools(() => ({ t, w }));

describe('triggers at work', () => {
  it('runs every action through the write path, as the system named for the trigger', async () => {
    const word = unique('all');
    const keep = await makeTag(unique('keep'));
    const drop = await makeTag(unique('drop'));
    const [hook] = await sql<{ id: string }>(
      `insert into webhooks (workspace_id, url, events, active, description, secret_sealed, created_at, updated_at)
        values ($1, 'https://hooks.example.com/k7', '{}', true, 'k7', 'sealed', now(), now()) returning id`,
      [w.workspaceId],
    );
    const trigger = await makeTrigger({
      event: 'ticket.created',
      conditions: [subjectHas(word), { field: 'requesterRole', op: 'is', value: 'customer' }],
      actions: [
        { kind: 'set_priority', priority: 'high' },
        { kind: 'set_department', departmentId: w.billing.id },
        { kind: 'set_assignee', assigneeId: w.billingAgent.id },
        { kind: 'add_tag', tagId: keep.id },
        { kind: 'add_tag', tagId: drop.id },
        { kind: 'remove_tag', tagId: drop.id },
        { kind: 'set_status', status: 'pending' },
        { kind: 'add_note', text: 'Ticket #{{ticket.number}} «{{ticket.subject}}» from {{requester.name}} <b>' },
        { kind: 'notify', userIds: [w.agent.id], departmentIds: [w.billing.id] },
        { kind: 'call_webhook', webhookId: String(hook.id) },
      ],
    });
    const ticket = await openTicket(w.alice.client, { subject: `Broken ${word}`, departmentId: w.support.id });
    await drainTriggers();
    const row = await ticketRow(ticket.number);
    expect(row).toMatchObject({
      status: 'pending',
      priority: 'high',
      department_id: String(w.billing.id),
      assignee_ids: [String(w.billingAgent.id)],
      tag_ids: [String(keep.id)],
    });
    // The note, placeholders filled and the text escaped, written by the system.
    const notes = await sql<{ body_html: string; author_kind: string; author_name: string }>(
      `select body_html, author_kind, author_name from messages where ticket_id = $1 and kind = 'note'`,
      [row.id],
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].author_kind).toBe('system');
    expect(notes[0].author_name).toBe(`Trigger: ${trigger.name}`);
    expect(notes[0].body_html).toBe(`<p>Ticket #${ticket.number} «Broken ${word}» from Alice &lt;b&gt;</p>`);
    // The event log names the trigger as the actor; nobody's id.
    const events = (await w.admin.get(`tickets/${ticket.number}/events`)).json();
    const list = (events.items ?? events) as { kind: string; actor: { id: string | null; name: string } }[];
    const byTrigger = list.filter((e) => e.actor.name === `Trigger: ${trigger.name}`).map((e) => e.kind);
    expect(byTrigger).toEqual(
      expect.arrayContaining(['priority_changed', 'transferred', 'assigned', 'tags_changed', 'status_changed']),
    );
    expect(list.filter((e) => e.actor.name === `Trigger: ${trigger.name}`).every((e) => e.actor.id === null)).toBe(
      true,
    );
    // The webhook call is queued for that webhook.
    const calls = await sql<{ data: { webhookId: number; event: string; data: { ticket: { number: number } } } }>(
      `select data from pgboss.job where name = 'webhooks.dispatch' and (data->>'workspaceId')::bigint = $1
        and (data->>'webhookId')::bigint = $2`,
      [w.workspaceId, hook.id],
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].data.event).toBe('trigger.fired');
    expect(calls[0].data.data.ticket.number).toBe(ticket.number);
    // notify: the person and the department's people are told.
    await drainNotifications(t, w.workspaceId);
    const told = await toldOf(t, w.workspaceId, ticket.number, 'statusChanged');
    expect(told).toEqual(expect.arrayContaining([String(w.agent.id), String(w.billingAgent.id)]));
    // The log: one firing, the actions in order.
    const runs = await runsOf(trigger.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ outcome: 'fired', ticketNumber: ticket.number, reason: null });
    expect((runs[0].actions as { kind: string }[]).map((a) => a.kind)).toEqual([
      'set_priority',
      'set_department',
      'set_assignee',
      'add_tag',
      'add_tag',
      'remove_tag',
      'set_status',
      'add_note',
      'notify',
      'call_webhook',
    ]);
  });

  it('unassigns, and fires on the changed fields of an update', async () => {
    const word = unique('chg');
    const trigger = await makeTrigger({
      event: 'ticket.updated',
      conditions: [
        subjectHas(word),
        { field: 'status', op: 'changed_to', value: 'closed' },
        { field: 'assigneeIds', op: 'is_not', value: 'empty' },
      ],
      actions: [{ kind: 'set_assignee', assigneeId: 'unassign' }],
    });
    const ticket = await openTicket(w.agent.client, {
      subject: `Done ${word}`,
      departmentId: w.support.id,
      assigneeIds: [w.agent.id],
    });
    // A change that is not "status changed to closed" does not fire it.
    expect((await w.agent.client.patch(`tickets/${ticket.number}`, { priority: 'high' })).statusCode).toBe(200);
    await drainTriggers();
    expect((await ticketRow(ticket.number)).assignee_ids).toEqual([String(w.agent.id)]);
    expect((await w.agent.client.patch(`tickets/${ticket.number}`, { status: 'closed' })).statusCode).toBe(200);
    await drainTriggers();
    expect((await ticketRow(ticket.number)).assignee_ids).toEqual([]);
    expect((await runsOf(trigger.id)).map((r) => r.outcome)).toEqual(['fired']);
  });

  it('checks the message of message.created: kind and author', async () => {
    const word = unique('msg');
    const tag = await makeTag(unique('customer-wrote'));
    const trigger = await makeTrigger({
      event: 'message.created',
      conditions: [
        subjectHas(word),
        { field: 'message.kind', op: 'is', value: 'reply' },
        { field: 'message.author', op: 'is', value: 'customer' },
        { field: 'tagIds', op: 'not_contains', value: tag.id },
      ],
      actions: [{ kind: 'add_tag', tagId: tag.id }],
    });
    const ticket = await openTicket(w.alice.client, { subject: `Hello ${word}`, departmentId: w.support.id });
    const note = await w.agent.client.post(`tickets/${ticket.number}/messages`, { kind: 'note', body: '<p>n</p>' });
    expect(note.statusCode, note.body).toBe(201);
    const reply = await w.agent.client.post(`tickets/${ticket.number}/messages`, { kind: 'reply', body: '<p>r</p>' });
    expect(reply.statusCode, reply.body).toBe(201);
    await drainTriggers();
    expect((await ticketRow(ticket.number)).tag_ids).toEqual([]);
    const mine = await w.alice.client.post(`tickets/${ticket.number}/messages`, { kind: 'reply', body: '<p>c</p>' });
    expect(mine.statusCode, mine.body).toBe(201);
    await drainTriggers();
    expect((await ticketRow(ticket.number)).tag_ids).toEqual([String(tag.id)]);
    expect((await runsOf(trigger.id)).map((r) => r.outcome)).toEqual(['fired']);
  });

  it('runs in the order of position, never of name, and reorders by PATCH position', async () => {
    const word = unique('ord');
    const tag = await makeTag(unique('ordered'));
    // "Z…" raises the priority; "A…" tags urgent tickets: only when Z runs first is the ticket tagged.
    const raise = await makeTrigger({
      name: `Z raise ${word}`,
      position: 1,
      event: 'ticket.created',
      conditions: [subjectHas(word)],
      actions: [{ kind: 'set_priority', priority: 'urgent' }],
    });
    const tagIt = await makeTrigger({
      name: `A tag ${word}`,
      position: 2,
      event: 'ticket.created',
      conditions: [subjectHas(word), { field: 'priority', op: 'is', value: 'urgent' }],
      actions: [{ kind: 'add_tag', tagId: tag.id }],
    });
    const first = await openTicket(w.alice.client, { subject: `One ${word}`, departmentId: w.support.id });
    await drainTriggers();
    expect(await ticketRow(first.number)).toMatchObject({ priority: 'urgent', tag_ids: [String(tag.id)] });
    // The list is in running order.
    const ids = ((await w.admin.get('triggers')).json().items as { id: string }[]).map((x) => x.id);
    expect(ids.indexOf(raise.id)).toBeLessThan(ids.indexOf(tagIt.id));
    expect((await w.admin.patch(`triggers/${tagIt.id}`, { position: 0 })).statusCode).toBe(200);
    const second = await openTicket(w.alice.client, { subject: `Two ${word}`, departmentId: w.support.id });
    await drainTriggers();
    expect(await ticketRow(second.number)).toMatchObject({ priority: 'urgent', tag_ids: [] });
  });

  it('stops a loop: a trigger never fires twice in a chain, and the stop is logged', async () => {
    const word = unique('loop');
    const up = await makeTrigger({
      name: `up ${word}`,
      position: 0,
      event: 'ticket.updated',
      conditions: [subjectHas(word), { field: 'priority', op: 'is', value: 'low' }],
      actions: [{ kind: 'set_priority', priority: 'high' }],
    });
    const down = await makeTrigger({
      name: `down ${word}`,
      position: 1,
      event: 'ticket.updated',
      conditions: [subjectHas(word), { field: 'priority', op: 'is', value: 'high' }],
      actions: [{ kind: 'set_priority', priority: 'low' }],
    });
    const ticket = await openTicket(w.agent.client, { subject: `Ping ${word}`, departmentId: w.support.id });
    expect((await w.agent.client.patch(`tickets/${ticket.number}`, { priority: 'low' })).statusCode).toBe(200);
    const ran = await drainTriggers();
    expect(ran).toBeLessThan(10);
    const upRuns = (await runsOf(up.id)).map((r) => `${r.outcome}:${r.reason}`);
    const downRuns = (await runsOf(down.id)).map((r) => `${r.outcome}:${r.reason}`);
    expect(upRuns.filter((r) => r === 'fired:null')).toHaveLength(1);
    expect(downRuns.filter((r) => r === 'fired:null')).toHaveLength(1);
    expect([...upRuns, ...downRuns]).toContain('loop_stopped:fired_in_chain');
    const all = await w.admin.get(`trigger-runs?ticketNumber=${ticket.number}`);
    expect(all.json().items.some((r: { outcome: string }) => r.outcome === 'loop_stopped')).toBe(true);
  });

  it('stops a chain at depth 5', async () => {
    const word = unique('deep');
    const trigger = await makeTrigger({
      event: 'ticket.updated',
      conditions: [subjectHas(word)],
      actions: [{ kind: 'set_priority', priority: 'urgent' }],
    });
    const ticket = await openTicket(w.agent.client, { subject: `Deep ${word}`, departmentId: w.support.id });
    const [{ id }] = await sql<{ id: string }>('select id from tickets where workspace_id = $1 and number = $2', [
      w.workspaceId,
      ticket.number,
    ]);
    const job: TriggersRunJob = {
      workspaceId: w.workspaceId,
      ticketId: Number(id),
      event: 'ticket.updated',
      chain: { depth: 5, fired: [] },
    };
    await runTriggers(jobCtx(t.deps, w.workspaceId, 'test'), job, 'test-depth');
    expect((await ticketRow(ticket.number)).priority).toBe('medium');
    expect((await runsOf(trigger.id)).map((r) => `${r.outcome}:${r.reason}`)).toEqual(['loop_stopped:depth']);
    // The same job again (a retry) does not log it twice.
    await runTriggers(jobCtx(t.deps, w.workspaceId, 'test'), job, 'test-depth');
    expect(await runsOf(trigger.id)).toHaveLength(1);
  });

  it('logs a failed run and keeps none of its changes', async () => {
    const word = unique('fail');
    const tag = await makeTag(unique('gone'));
    const trigger = await makeTrigger({
      event: 'ticket.created',
      conditions: [subjectHas(word)],
      actions: [
        { kind: 'set_priority', priority: 'urgent' },
        { kind: 'add_tag', tagId: tag.id },
      ],
    });
    expect((await w.admin.del(`tags/${tag.id}`)).statusCode).toBe(204);
    const ticket = await openTicket(w.alice.client, { subject: `Oops ${word}`, departmentId: w.support.id });
    await drainTriggers();
    expect((await ticketRow(ticket.number)).priority).toBe('medium');
    expect((await runsOf(trigger.id)).map((r) => `${r.outcome}:${r.reason}`)).toEqual([
      'failed:validation.unknown_tag',
    ]);
  });

  it('ignores inactive triggers, and queues nothing for a workspace without active ones', async () => {
    const word = unique('off');
    const trigger = await makeTrigger({
      active: false,
      event: 'ticket.created',
      conditions: [subjectHas(word)],
      actions: [{ kind: 'set_priority', priority: 'urgent' }],
    });
    const ticket = await openTicket(w.alice.client, { subject: `Quiet ${word}`, departmentId: w.support.id });
    await drainTriggers();
    expect((await ticketRow(ticket.number)).priority).toBe('medium');
    expect(await runsOf(trigger.id)).toEqual([]);

    // Another workspace with only an inactive trigger: its changes queue no trigger job at all.
    const other = await newWorkspace(t);
    const admin = await signIn(t, other.slug, 'admin', ADMIN_PASSWORD);
    const dep = (await admin.post('departments', { name: 'Desk' })).json();
    const off = await admin.post('triggers', {
      name: 'off',
      active: false,
      event: 'ticket.created',
      actions: [{ kind: 'set_priority', priority: 'urgent' }],
    });
    expect(off.statusCode).toBe(201);
    await openTicket(admin, { subject: 'Nothing to run', departmentId: dep.id });
    const queued = await sql("select 1 from pgboss.job where name = $1 and (data->>'workspaceId')::bigint = $2", [
      TRIGGERS_RUN_QUEUE,
      other.workspaceId,
    ]);
    expect(queued).toHaveLength(0);
    // Switched on, the next ticket fires it (the cache was forgotten on the write).
    expect((await admin.patch(`triggers/${off.json().id}`, { active: true })).statusCode).toBe(200);
    const fired = await openTicket(admin, { subject: 'Now it runs', departmentId: dep.id });
    await drainTriggers(other.workspaceId);
    const [row] = await sql<{ priority: string }>(
      'select priority from tickets where workspace_id = $1 and number = $2',
      [other.workspaceId, fired.number],
    );
    expect(row.priority).toBe('urgent');
    // Another workspace's trigger is not found here.
    expect((await w.admin.get(`triggers/${off.json().id}/runs`)).statusCode).toBe(404);
    expect((await new Client(t, admin.s).del(`triggers/${off.json().id}`)).statusCode).toBe(204);
  });

  it('pages the run log', async () => {
    const word = unique('page');
    const trigger = await makeTrigger({
      event: 'ticket.created',
      conditions: [subjectHas(word)],
      actions: [{ kind: 'set_priority', priority: 'low' }],
    });
    for (let i = 0; i < 3; i++)
      await openTicket(w.alice.client, { subject: `P${i} ${word}`, departmentId: w.support.id });
    await drainTriggers();
    const page = (await w.admin.get(`triggers/${trigger.id}/runs?pageSize=2&page=2`)).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);
    expect((await w.admin.del(`triggers/${trigger.id}`)).statusCode).toBe(204);
    expect((await w.admin.get(`triggers/${trigger.id}/runs`)).statusCode).toBe(404);
  });
});
