import { describe, expect, it } from 'vitest';
import en from '../../ui/i18n/en.json';
import fa from '../../ui/i18n/fa.json';
import {
  clockSpan,
  joinMinutes,
  minutesLeft,
  slaDueRows,
  slaLabel,
  slaTone,
  splitMinutes,
  workingSpan,
  type TicketSla,
} from './sla-time';

/** A `t` over one translation file, as i18next fills {{vars}}. */
const tOf =
  (dict: unknown) =>
  (key: string, vars: Record<string, unknown> = {}) => {
    const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], dict);
    if (typeof text !== 'string') throw new Error(`no text ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));
  };
const tFa = tOf(fa);
const tEn = tOf(en);
const faNum = (n: number) => new Intl.NumberFormat('fa-IR').format(n);
const enNum = (n: number) => String(n);

const NOW = Date.parse('2026-05-10T10:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const sla = (over: Partial<TicketSla> = {}): TicketSla => ({
  policyId: '1',
  firstResponseDue: at(135),
  nextResponseDue: null,
  resolutionDue: at(600),
  paused: false,
  breached: [],
  state: 'ok',
  nextDue: at(135),
  ...over,
});

describe('SLA time helpers', () => {
  it('turns working minutes into hours and minutes and back', () => {
    expect(splitMinutes(510)).toEqual({ h: 8, m: 30 });
    expect(splitMinutes(45)).toEqual({ h: 0, m: 45 });
    expect(joinMinutes('8', '30')).toBe(510);
    expect(joinMinutes('', '20')).toBe(20);
    expect(joinMinutes('2', '')).toBe(120);
    expect(joinMinutes('', ' ')).toBeNull();
  });

  it('spells working time in hours and minutes, never days', () => {
    expect(workingSpan(72 * 60, tFa, faNum)).toBe('۷۲ ساعت');
    expect(workingSpan(90, tFa, faNum)).toBe('۱ ساعت و ۳۰ دقیقه');
    expect(workingSpan(20, tEn, enNum)).toBe('20 min');
    expect(workingSpan(135, tEn, enNum)).toBe('2 h 15 min');
  });

  it('counts a countdown in days and hours past a day', () => {
    expect(clockSpan(26 * 60 + 5, tEn, enNum)).toBe('1 d 2 h');
    expect(clockSpan(48 * 60, tFa, faNum)).toBe('۲ روز');
    expect(clockSpan(0.2, tEn, enNum)).toBe('1 min');
  });

  it('rounds time left up and time overdue down', () => {
    expect(minutesLeft(at(134.5), NOW)).toBe(135);
    expect(minutesLeft(at(-5.5), NOW)).toBe(-5);
    expect(minutesLeft(at(-0.2), NOW)).toBe(-1);
    expect(minutesLeft(null, NOW)).toBeNull();
  });

  it('reads a countdown in both languages', () => {
    expect(slaLabel(sla(), NOW, tFa, faNum)).toBe('۲ ساعت و ۱۵ دقیقه مانده');
    expect(slaLabel(sla(), NOW, tEn, enNum)).toBe('2 h 15 min left');
    const late = sla({ state: 'breached', breached: ['firstResponse'], nextDue: at(-5) });
    expect(slaLabel(late, NOW, tEn, enNum)).toBe('overdue by 5 min');
    expect(slaLabel(late, NOW, tFa, faNum)).toBe('۵ دقیقه تأخیر');
    expect(slaLabel(sla({ state: 'paused', paused: true, nextDue: null }), NOW, tFa, faNum)).toBe('متوقف');
  });

  it('shows a due time passed before the server noticed as breached, and a closed ticket as met or missed', () => {
    expect(slaTone(sla({ state: 'warning', nextDue: at(-1) }), NOW)).toBe('breached');
    expect(slaTone(sla({ state: 'warning' }), NOW)).toBe('warning');
    expect(slaTone(sla({ state: 'met', nextDue: null }), NOW)).toBe('met');
    expect(slaTone(sla({ state: 'met', nextDue: null, breached: ['resolution'] }), NOW)).toBe('missed');
  });

  it('lists the three targets with their due times and misses', () => {
    const rows = slaDueRows(sla({ breached: ['resolution'] }));
    expect(rows.map((r) => [r.target, !!r.due, r.breached])).toEqual([
      ['firstResponse', true, false],
      ['nextResponse', false, false],
      ['resolution', true, true],
    ]);
  });
});
