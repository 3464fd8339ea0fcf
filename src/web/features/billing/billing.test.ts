import { describe, expect, it, vi } from 'vitest';
import type { TPlan } from '../../../contracts/cloud';
import { ApiError } from '../../app/api';
import { BILLING_PATH, paymentRequiredOf } from '../../ui/payment-required';
import {
  buyablePlans,
  limitsBelowUsage,
  neverEnds,
  paymentOutcome,
  perMonth,
  planName,
  priceOf,
  usageLevel,
  usagePercent,
} from './billing';

// The API client translates its own fallback messages; node has no document for the real i18n set-up.
vi.mock('../../ui/i18n/i18n', () => ({ default: { t: (k: string) => k, language: 'fa' } }));

const plan = (over: Partial<TPlan> = {}): TPlan => ({
  id: '2',
  name: 'پایه',
  nameEn: 'Basic',
  limits: { agents: 5, customers: 500, departments: 3 },
  prices: [
    { months: 12, amount: 5_000_000 },
    { months: 1, amount: 500_000 },
  ],
  trial: false,
  trialDays: 0,
  active: true,
  position: 1,
  ...over,
});

describe('usage against a limit', () => {
  it('warns from 80% and is full at the limit', () => {
    expect(usageLevel(3, 5)).toBe('ok');
    expect(usageLevel(4, 5)).toBe('near');
    expect(usageLevel(5, 5)).toBe('full');
    expect(usageLevel(7, 5)).toBe('full');
    expect(usageLevel(1000, null)).toBe('unlimited');
    expect(usageLevel(0, 0)).toBe('full');
  });
  it('fills the bar in proportion, never past 100', () => {
    expect(usagePercent(1, 4)).toBe(25);
    expect(usagePercent(9, 4)).toBe(100);
    expect(usagePercent(9, null)).toBe(0);
    expect(usagePercent(0, 0)).toBe(100);
  });
});

describe('plans', () => {
  it('offers only active, priced, non-trial plans, shortest period first', () => {
    const offered = buyablePlans([
      plan(),
      plan({ id: '1', trial: true, prices: [] }),
      plan({ id: '3', active: false }),
      plan({ id: '4', prices: [] }),
    ]);
    expect(offered.map((p) => p.id)).toEqual(['2']);
    expect(offered[0].prices.map((p) => p.months)).toEqual([1, 12]);
  });
  it('prices periods from the plan and says when a period is not sold', () => {
    expect(priceOf(plan(), 12, 2)).toBe(10_000_000);
    expect(priceOf(plan(), 1, 3)).toBe(1_500_000);
    expect(priceOf(plan(), 6, 1)).toBeNull();
    expect(perMonth(5_000_000, 12)).toBe(416_667);
  });
  it('names the limits a smaller plan would break', () => {
    const usage = { agents: 6, customers: 10, departments: 3 };
    expect(limitsBelowUsage(plan().limits, usage)).toEqual(['agents']);
    expect(limitsBelowUsage({ agents: null, customers: null, departments: null }, usage)).toEqual([]);
  });
  it('reads the name in the page language, the Persian one when there is no English one', () => {
    expect(planName(plan(), 'fa')).toBe('پایه');
    expect(planName(plan(), 'en')).toBe('Basic');
    expect(planName(plan({ nameEn: ' ' }), 'en')).toBe('پایه');
    expect(neverEnds('9999-12-31T23:59:59.999Z')).toBe(true);
    expect(neverEnds('2026-01-01T00:00:00.000Z')).toBe(false);
  });
});

describe('the return from Zarinpal', () => {
  it('takes the outcomes the callback sets and reads anything else as unknown', () => {
    expect(paymentOutcome(null)).toBeNull();
    expect(paymentOutcome('ok')).toBe('ok');
    expect(paymentOutcome('cancelled')).toBe('cancelled');
    expect(paymentOutcome('<script>')).toBe('unknown');
  });
});

describe('402 answers', () => {
  const answer = (code: string, details: Record<string, unknown>, status = 402) =>
    new ApiError(status, code, 'message', {}, { code, message: 'message', details });

  it('reads a limit reached with its upgrade page', () => {
    expect(
      paymentRequiredOf(answer('limit_reached', { limit: 'agents', max: 3, upgradeUrl: '/admin/billing' })),
    ).toEqual({ code: 'limit_reached', message: 'message', note: null, url: '/admin/billing' });
  });
  it("reads a read-only workspace with the platform's words", () => {
    expect(
      paymentRequiredOf(answer('subscription_expired', { message: ' Pay now ', billingUrl: '/admin/billing' })),
    ).toMatchObject({ code: 'subscription_expired', note: 'Pay now' });
  });
  it('never links outside the app', () => {
    for (const url of ['https://evil.example/', '//evil.example/', 'javascript:alert(1)', 42])
      expect(paymentRequiredOf(answer('limit_reached', { upgradeUrl: url }))?.url).toBe(BILLING_PATH);
  });
  it('leaves every other error alone', () => {
    expect(paymentRequiredOf(answer('conflict', {}, 409))).toBeNull();
    expect(paymentRequiredOf(answer('payment_required', {}))).toBeNull();
    expect(paymentRequiredOf(new Error('x'))).toBeNull();
  });
});
