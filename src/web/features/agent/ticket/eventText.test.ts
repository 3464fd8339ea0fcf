import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../ui/i18n/en.json';
import fa from '../../../ui/i18n/fa.json';
import { describeEvent, type Names } from './eventText';
import type { TicketEvent } from './types';

/** A `t` over one translation file, as i18next fills {{vars}}. */
const tOf = (dict: unknown) =>
  ((key: string, vars: Record<string, unknown> = {}) => {
    const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], dict);
    if (typeof text !== 'string') throw new Error(`no text ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));
  }) as unknown as TFunction;

const people: Record<string, string> = { '7': 'Reza', '9': 'Sara' };
const names: Names = {
  department: (id) => `dep ${id}`,
  agent: (id) => people[id] ?? id,
  type: (id) => id,
  number: (n) => String(n),
};
const event = (data: Record<string, unknown>): TicketEvent => ({
  id: '1',
  kind: 'assigned',
  actor: { id: null, name: '' },
  data,
  createdAt: '2026-12-06T00:00:00Z',
});

describe('the assigned event (issue 20)', () => {
  it('says when the department assigned it automatically', () => {
    expect(describeEvent(event({ from: [], to: ['9'], auto: true }), tOf(en), names)).toBe(
      "assigned automatically to Sara (the department's automatic assignment)",
    );
    expect(describeEvent(event({ from: [], to: ['9'], auto: true }), tOf(fa), names)).toContain('Sara');
  });

  it('names the away agent and the substitute who got it instead', () => {
    const text = describeEvent(event({ from: [], to: ['9'], substitutions: [{ for: '7', by: '9' }] }), tOf(en), names);
    expect(text).toBe('assigned the ticket to Sara (Reza was away, so their substitute Sara got it)');
  });

  it('keeps the plain sentences', () => {
    expect(describeEvent(event({ from: [], to: ['7'] }), tOf(en), names)).toBe('assigned the ticket to Reza');
    expect(describeEvent(event({ from: ['7'], to: [] }), tOf(en), names)).toBe('removed all assigned agents');
  });
});
