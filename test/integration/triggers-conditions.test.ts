import { describe, expect, it } from 'vitest';
import { holds, type ConditionFacts } from '../../src/server/modules/automation/conditions';
import { renderPlaceholders } from '../../src/server/modules/automation/placeholders';
import { triggerEventOf } from '../../src/server/modules/automation/trigger-sink';
import type { TTriggerCondition } from '../../src/contracts/triggers';
import { useTicketWorld, type TicketWorld } from '../helpers/tickets';

/**
 * K7 triggers, the rules: every condition operator, the events and placeholders, and the API's
 * validation and access. What triggers do is in triggers-actions.test.ts.
 */
let w: TicketWorld;
useTicketWorld((_app, world) => {
  w = world;
});

describe('trigger conditions: each operator', () => {
  const facts = (
    over: Partial<ConditionFacts['ticket']> = {},
    event: ConditionFacts['event'] = {},
  ): ConditionFacts => ({
    ticket: {
      status: 'active',
      priority: 'low',
      departmentId: 7,
      typeId: null,
      tagIds: [3, 4],
      assigneeIds: [],
      subject: 'چاپگر كار نمي‌كند ۱۲',
      ...over,
    },
    requesterRole: 'guest',
    event,
  });
  const check = (c: TTriggerCondition, f = facts()) => holds(c, f);

  it('is / is_not / in on the ticket as it is', () => {
    expect(check({ field: 'status', op: 'is', value: 'active' })).toBe(true);
    expect(check({ field: 'status', op: 'is', value: 'closed' })).toBe(false);
    expect(check({ field: 'priority', op: 'is_not', value: 'low' })).toBe(false);
    expect(check({ field: 'departmentId', op: 'is_not', value: '8' })).toBe(true);
    expect(check({ field: 'typeId', op: 'is', value: null })).toBe(true);
    expect(check({ field: 'typeId', op: 'is_not', value: null }, facts({ typeId: 2 }))).toBe(true);
    expect(check({ field: 'priority', op: 'in', value: ['high', 'low'] })).toBe(true);
    expect(check({ field: 'priority', op: 'in', value: ['high', 'urgent'] })).toBe(false);
    expect(check({ field: 'requesterRole', op: 'is', value: 'guest' })).toBe(true);
    expect(check({ field: 'requesterRole', op: 'in', value: ['customer', 'agent'] })).toBe(false);
    expect(check({ field: 'assigneeIds', op: 'is', value: 'empty' })).toBe(true);
    expect(check({ field: 'assigneeIds', op: 'is_not', value: 'empty' }, facts({ assigneeIds: [9] }))).toBe(true);
  });

  it('contains / not_contains: lists, and the subject Persian-folded', () => {
    expect(check({ field: 'tagIds', op: 'contains', value: '4' })).toBe(true);
    expect(check({ field: 'tagIds', op: 'not_contains', value: '4' })).toBe(false);
    expect(check({ field: 'assigneeIds', op: 'contains', value: '9' }, facts({ assigneeIds: [9] }))).toBe(true);
    expect(check({ field: 'assigneeIds', op: 'not_contains', value: '9' })).toBe(true);
    // Arabic kaf and yeh, a ZWNJ and Persian digits in the subject; Persian letters and Latin digits asked.
    expect(check({ field: 'subject', op: 'contains', value: 'کار نمی کند 12' })).toBe(true);
    expect(check({ field: 'subject', op: 'contains', value: 'چاپگر' })).toBe(true);
    expect(check({ field: 'subject', op: 'not_contains', value: 'اسکنر' })).toBe(true);
  });

  it('changed / changed_to read the event, message fields only a message event', () => {
    const moved = facts({ status: 'closed' }, { changes: { status: { from: 'active', to: 'closed' }, assigned: [5] } });
    expect(check({ field: 'status', op: 'changed' }, moved)).toBe(true);
    expect(check({ field: 'status', op: 'changed_to', value: 'closed' }, moved)).toBe(true);
    expect(check({ field: 'status', op: 'changed_to', value: 'pending' }, moved)).toBe(false);
    expect(check({ field: 'priority', op: 'changed' }, moved)).toBe(false);
    expect(check({ field: 'assigneeIds', op: 'changed_to', value: '5' }, moved)).toBe(true);
    expect(check({ field: 'status', op: 'changed' })).toBe(false);
    expect(check({ field: 'message.kind', op: 'is', value: 'reply' })).toBe(false);
    expect(check({ field: 'message.kind', op: 'is_not', value: 'reply' })).toBe(false);
    const note = facts({}, { message: { kind: 'note', author: 'agent' } });
    expect(check({ field: 'message.kind', op: 'is', value: 'note' }, note)).toBe(true);
    expect(check({ field: 'message.author', op: 'in', value: ['customer', 'guest'] }, note)).toBe(false);
  });

  it('maps ticket events to trigger events: an SLA warning or breach is its own', () => {
    expect(triggerEventOf({ ticketId: 1, type: 'ticket.created' })).toBe('ticket.created');
    expect(triggerEventOf({ ticketId: 1, type: 'message.created', kind: 'note' })).toBe('message.created');
    expect(triggerEventOf({ ticketId: 1, type: 'ticket.updated', changes: { status: { from: 'a', to: 'b' } } })).toBe(
      'ticket.updated',
    );
    const sla = (event: 'slaWarning' | 'slaBreached') =>
      triggerEventOf({ ticketId: 1, type: 'ticket.updated', changes: { sla: { event, people: [] } } });
    expect(sla('slaWarning')).toBe('sla.warning');
    expect(sla('slaBreached')).toBe('sla.breached');
    expect(triggerEventOf({ ticketId: 1, type: 'message.delivery' })).toBeNull();
  });

  it('the placeholders of a note', () => {
    const f = { ticket: { number: 42, subject: 'Printer' }, requester: { name: 'Alice' } };
    expect(
      renderPlaceholders('#{{ticket.number}} {{ ticket.subject }} for {{requester.name}} {{ticket.nope}}', f),
    ).toBe('#42 Printer for Alice {{ticket.nope}}');
  });
});

describe('triggers API', () => {
  it('refuses bad input with a translated 400 naming the field, and creates nothing', async () => {
    const before = (await w.admin.get('triggers')).json().total;
    const base = { name: 'bad', event: 'ticket.created', actions: [{ kind: 'set_priority', priority: 'high' }] };
    const cases: [Record<string, unknown>, string][] = [
      [{ conditions: [{ field: 'colour', op: 'is', value: 'red' }] }, 'conditions.0.field'],
      [{ conditions: [{ field: 'tagIds', op: 'is', value: '1' }] }, 'conditions.0.op'],
      [{ conditions: [{ field: 'status', op: 'is', value: 'sleeping' }] }, 'conditions.0.value'],
      [{ conditions: [{ field: 'status', op: 'changed', value: 'closed' }] }, 'conditions.0.value'],
      [{ conditions: [{ field: 'priority', op: 'in', value: [] }] }, 'conditions.0.value'],
      [{ actions: [{ kind: 'explode' }] }, 'actions.0.kind'],
      [{ actions: [{ kind: 'notify', userIds: [], departmentIds: [] }] }, 'actions.0.userIds'],
      [{ actions: [{ kind: 'set_status', status: 'locked' }] }, 'actions.0.status'],
      [{ event: 'ticket.exploded' }, 'event'],
      [{ conditions: [{ field: 'departmentId', op: 'is', value: '999999' }] }, 'conditions.0.value'],
      [{ actions: [{ kind: 'add_tag', tagId: '999999' }] }, 'actions.0.tagId'],
      [{ actions: [{ kind: 'call_webhook', webhookId: '999999' }] }, 'actions.0.webhookId'],
      [{ actions: [{ kind: 'set_assignee', assigneeId: w.alice.id }] }, 'actions.0.assigneeId'],
    ];
    for (const [over, field] of cases) {
      const res = await w.admin.post('triggers', { ...base, ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), JSON.stringify(over)).toContain(field);
    }
    const fa = await w.admin.post(
      'triggers',
      { ...base, conditions: [{ field: 'tagIds', op: 'is', value: '1' }] },
      {
        headers: { 'accept-language': 'fa' },
      },
    );
    expect(fa.json().error.fields['conditions.0.op']).toBe('این فیلد این عملگر را نمی‌پذیرد.');
    const en = await w.admin.post(
      'triggers',
      { ...base, conditions: [{ field: 'tagIds', op: 'is', value: '1' }] },
      {
        headers: { 'accept-language': 'en' },
      },
    );
    expect(en.json().error.fields['conditions.0.op']).toBe('This field does not take this operator.');
    expect((await w.admin.get('triggers')).json().total).toBe(before);
  });

  it('is for admins only', async () => {
    expect((await w.agent.client.get('triggers')).statusCode).toBe(403);
    expect(
      (await w.agent.client.post('triggers', { name: 'x', event: 'ticket.created', actions: [] })).statusCode,
    ).toBe(403);
    expect((await w.alice.client.get('trigger-runs?ticketNumber=1')).statusCode).toBe(403);
    expect((await w.admin.get('triggers/999999/runs')).statusCode).toBe(404);
    expect((await w.admin.patch('triggers/999999', { active: false })).statusCode).toBe(404);
  });
});
