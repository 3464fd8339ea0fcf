import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Operator, OPERATOR_CLOUD } from '../helpers/operator';
import { createTestApp, unique, type TestApp } from '../helpers/test-app';

/** The platform operator's plans and platform settings (cloud mode, issue 19). */
let t: TestApp;
let op: Operator;

beforeAll(async () => {
  t = await createTestApp('postgres', OPERATOR_CLOUD);
  op = new Operator(t);
  expect((await op.login()).statusCode).toBe(200);
});
afterAll(() => t?.close());

describe('plans and settings', () => {
  it('creates, changes only what is sent, and lists plans', async () => {
    const name = unique('Basic');
    const created = await op.post('plans', {
      name,
      nameEn: 'Basic',
      limits: { agents: 5, customers: null, departments: 3 },
      prices: [
        { months: 12, amount: 5_000_000 },
        { months: 1, amount: 500_000 },
      ],
      position: 7,
    });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({ name, trial: false, active: true, position: 7, limits: { customers: null } });

    const patched = await op.patch(`plans/${plan.id}`, { active: false });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toEqual({ ...plan, active: false });
    const limits = await op.patch(`plans/${plan.id}`, { limits: { agents: null, customers: 10, departments: 1 } });
    expect(limits.json()).toMatchObject({ name, position: 7, limits: { agents: null, customers: 10 } });

    const all = (await op.get('plans')).json();
    expect(all.find((p: { id: string }) => p.id === plan.id)).toMatchObject({ active: false });
    expect((await op.patch('plans/999999999', { active: false })).statusCode).toBe(404);
    // api.md's spelling: the id in the body.
    const byBody = await op.patch('plans', { id: plan.id, position: 8 });
    expect(byBody.statusCode, byBody.body).toBe(200);
    expect(byBody.json()).toMatchObject({ id: plan.id, position: 8, active: false, limits: { customers: 10 } });
    expect((await op.patch('plans', { id: '999999999', position: 1 })).statusCode).toBe(404);
    expect((await op.patch('plans', { position: 1 })).statusCode).toBe(400);
    expect(
      (await op.post('plans', { name: 'x', limits: plan.limits, prices: [plan.prices[0], plan.prices[0]] })).statusCode,
    ).toBe(400);
  });

  it('keeps one active trial plan: a second one is refused with 409', async () => {
    const trial = { limits: { agents: null, customers: null, departments: null }, prices: [], trial: true };
    // Another test file may have made the trial plan already; either way one exists afterwards.
    const first = await op.post('plans', { ...trial, name: unique('trial') });
    expect([201, 409]).toContain(first.statusCode);
    const second = await op.post('plans', { ...trial, name: unique('trial') }, { 'accept-language': 'en' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('conflict');
    expect(second.json().error.message).toMatch(/trial/);

    const plain = await op.post('plans', { ...trial, trial: false, name: unique('plain') });
    const made = await op.patch(`plans/${plain.json().id}`, { trial: true });
    expect(made.statusCode).toBe(409);
    // An inactive trial plan is no second trial.
    expect((await op.post('plans', { ...trial, active: false, name: unique('old trial') })).statusCode).toBe(201);
  });

  it('reads and changes the platform settings, only the fields sent', async () => {
    const before = (await op.get('settings')).json();
    expect(before).toMatchObject({ smsPrice: expect.any(Number), graceDays: expect.any(Number) });
    const message = unique('Renew at billing ');
    try {
      const res = await op.patch('settings', { expiredMessage: message });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ...before, expiredMessage: message });
      expect((await op.get('settings')).json()).toEqual({ ...before, expiredMessage: message });
      expect((await op.patch('settings', { graceDays: 99 })).statusCode).toBe(400);
      expect((await op.patch('settings', {})).statusCode).toBe(400);
    } finally {
      await op.patch('settings', { expiredMessage: before.expiredMessage });
    }
  });
});
