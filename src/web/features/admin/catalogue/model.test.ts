import { describe, expect, it } from 'vitest';
import { placeErrors, withoutItem } from './errors';
import {
  emptyDraft,
  move,
  newAction,
  removeStatus,
  removeTransition,
  replaceStatus,
  replaceTransition,
  signature,
  toBody,
  toDraft,
  type DefaultNames,
  type RequestType,
} from './model';

const NAMES: DefaultNames = {
  open: 'Open',
  pending: 'Pending',
  closed: 'Closed',
  resolve: 'Resolve',
  ask: 'Ask',
  answer: 'Answer',
  reopen: 'Reopen',
};

const saved: RequestType = {
  id: '7',
  deskId: '1',
  name: 'Top-up',
  description: '',
  icon: null,
  departmentId: null,
  defaultPriority: 'medium',
  fields: [
    { key: 'amount', label: 'Amount', kind: 'money', required: true, help: 'In toman' },
    { key: 'colour', label: 'Colour', kind: 'select', options: ['Red', 'Blue'], required: false, help: '' },
  ],
  workflow: {
    initial: 'requested',
    statuses: [
      { key: 'requested', name: 'Requested', customerLabel: '', category: 'open' },
      { key: 'invoice', name: 'Invoice', customerLabel: 'Waiting', category: 'pending' },
    ],
    transitions: [
      {
        id: 'issue',
        name: 'Issue',
        from: ['requested'],
        to: 'invoice',
        who: 'agent',
        needsAttachment: false,
        needsComment: true,
        timer: { workingMinutes: 72 * 60 + 30, calendarId: null, onExpiry: 'late' },
        actions: [{ kind: 'sms', to: 'requester', text: 'Charged {{amount}}' }],
      },
      {
        id: 'late',
        name: 'Late',
        from: ['invoice'],
        to: 'requested',
        who: 'department',
        needsAttachment: false,
        needsComment: false,
        timer: null,
        actions: [{ kind: 'transfer', departmentId: '3', agentId: null }],
      },
    ],
  },
  position: 10,
  visible: true,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};

describe('request type drafts', () => {
  it('a saved request type comes back unchanged through the draft', () => {
    const d = toDraft(saved);
    expect(d.transitions[0].timer).toEqual({ hours: '72', minutes: '30', calendarId: '', onExpiry: 'late' });
    expect(d.fields[1].optionsText).toBe('Red\nBlue');
    const body = toBody(d);
    expect(body.fields).toEqual(saved.fields);
    expect(body.workflow).toEqual(saved.workflow);
    expect(body).toMatchObject({ name: 'Top-up', icon: null, departmentId: null, position: 10 });
  });

  it('a new request type starts with a workflow the contract takes as it is', () => {
    const d = emptyDraft(NAMES, 20);
    const w = toBody(d).workflow;
    expect(w.initial).toBe('open');
    expect(w.statuses.map((s) => [s.key, s.category])).toEqual([
      ['open', 'open'],
      ['pending', 'pending'],
      ['closed', 'closed'],
    ]);
    const keys = new Set(w.statuses.map((s) => s.key));
    for (const t of w.transitions) {
      expect(t.from.every((k) => keys.has(k))).toBe(true);
      expect(keys.has(t.to)).toBe(true);
    }
    expect(w.transitions.find((t) => t.id === 'resolve')).toMatchObject({ who: 'agent', to: 'closed' });
  });

  it('a renamed status or transition takes its references along; a removed one leaves no dangling "from"', () => {
    const d = toDraft(saved);
    const renamed = replaceStatus(d, { ...d.statuses[0], key: 'asked' });
    expect(renamed.initial).toBe('asked');
    expect(renamed.transitions[0].from).toEqual(['asked']);
    expect(renamed.transitions[1].to).toBe('asked');
    const late = replaceTransition(d, { ...d.transitions[1], id: 'too-late' });
    expect(late.transitions[0].timer?.onExpiry).toBe('too-late');
    const gone = removeStatus(d, d.statuses[1]);
    expect(gone.transitions[1].from).toEqual([]);
    expect(removeTransition(d, d.transitions[1]).transitions[0].timer?.onExpiry).toBe('');
    expect(signature(d)).not.toBe(signature(renamed));
  });

  it('moves items within their list', () => {
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(newAction('notify')).toMatchObject({ kind: 'notify', departmentId: '' });
  });
});

describe('server errors in their place', () => {
  it('ties messages to the items that were sent, whatever moved since', () => {
    const d = toDraft(saved);
    const placed = placeErrors(
      {
        name: 'Name needed',
        'fields.1.key': 'Bad key',
        'fields.0.options.2': 'Bad option',
        'workflow.initial': 'Unknown',
        'workflow.statuses': 'In use',
        'workflow.statuses.1.key': 'Duplicate',
        'workflow.transitions.0.timer.onExpiry': 'Must start there',
        'workflow.transitions.1.actions.0.departmentId': 'No such department',
        'fields.9.key': 'Beyond the list',
        mystery: 'Elsewhere',
      },
      d,
    );
    expect(placed.top).toEqual({
      name: 'Name needed',
      initial: 'Unknown',
      statuses: 'In use',
      fields: 'Beyond the list',
    });
    expect(placed.items[d.fields[1].uid]).toEqual({ key: 'Bad key' });
    expect(placed.items[d.fields[0].uid]).toEqual({ 'options.2': 'Bad option' });
    expect(placed.items[d.statuses[1].uid]).toEqual({ key: 'Duplicate' });
    expect(placed.items[d.transitions[0].uid]).toEqual({ 'timer.onExpiry': 'Must start there' });
    expect(placed.items[d.transitions[1].actions[0].uid]).toEqual({ departmentId: 'No such department' });
    expect(placed.unplaced).toEqual(['mystery']);
    expect(withoutItem(placed, d.fields[1].uid).items[d.fields[1].uid]).toBeUndefined();
  });
});
