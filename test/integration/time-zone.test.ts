import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/**
 * The workspace's time zone (setting `timeZone`, Asia/Tehran by default) defines every day the
 * product speaks of: date filters of the ticket list, "today" on the dashboard, the chart's days.
 * Tehran is UTC+03:30 (no daylight saving since 2022): its 2026-03-21 begins at 2026-03-20T20:30Z.
 */
let t: TestApp;
let w: TicketWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await ticketWorld(t);
  w.admin.s.lang = 'en';
}, 60_000);
afterAll(() => t.close());

const setZone = async (timeZone: string) => {
  const res = await w.admin.patch('settings', { timeZone });
  expect(res.statusCode, res.body).toBe(200);
};
const numbers = async (query: string) =>
  ((await w.admin.get(`tickets?${query}`)).json().items as { number: number }[]).map((i) => i.number);

describe('the time zone setting', () => {
  it('is Asia/Tehran by default, public, and takes only IANA names', async () => {
    expect((await w.admin.get('settings')).json().timeZone).toBe('Asia/Tehran');
    expect((await w.anon.get('public/settings')).json().timeZone).toBe('Asia/Tehran');
    for (const bad of ['Mars/Olympus', '+03:30', 'UTC+3', '', 'Asia/Tehran; drop table']) {
      const res = await w.admin.patch('settings', { timeZone: bad });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.fields.timeZone, bad).toBe('Unknown time zone.');
    }
    await setZone('Europe/Berlin');
    expect((await w.admin.get('settings')).json().timeZone).toBe('Europe/Berlin');
    await setZone('Asia/Tehran');
  });
});

describe('days are the workspace’s days', () => {
  let late: number; // opened at 2026-03-20T21:00Z: 00:30 on 21 March in Tehran, still 20 March in UTC

  beforeAll(async () => {
    t.clock.set(new Date('2026-03-20T21:00:00Z'));
    late = (await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Late' })).number;
  });

  it('createdFrom / createdTo mean that zone’s midnight', async () => {
    await setZone('Asia/Tehran');
    expect(await numbers('createdFrom=2026-03-21')).toContain(late);
    expect(await numbers('createdTo=2026-03-20')).not.toContain(late);
    expect(await numbers('createdFrom=2026-03-21&createdTo=2026-03-21')).toEqual([late]);

    await setZone('UTC');
    expect(await numbers('createdFrom=2026-03-21')).not.toContain(late);
    expect(await numbers('createdTo=2026-03-20')).toContain(late);

    // An instant with its offset is taken as it is, whatever the zone.
    expect(await numbers(`createdFrom=${encodeURIComponent('2026-03-20T20:59:00Z')}`)).toContain(late);
    expect(await numbers(`createdFrom=${encodeURIComponent('2026-03-20T21:01:00Z')}`)).not.toContain(late);
    await setZone('Asia/Tehran');
  });

  it('the status chart’s days default to the workspace zone; `tz` still picks another', async () => {
    await setZone('Asia/Tehran');
    t.clock.set(new Date('2026-03-21T08:00:00Z'));
    const tehran = (await w.admin.get('dashboard/status-series?days=3')).json();
    expect(tehran.tz).toBe('Asia/Tehran');
    expect(tehran.days.map((d: { date: string }) => d.date)).toEqual(['2026-03-19', '2026-03-20', '2026-03-21']);
    const day = (s: { days: { date: string; active: number }[] }, date: string) =>
      s.days.find((d) => d.date === date)!.active;
    expect(day(tehran, '2026-03-21')).toBe(1);
    expect(day(tehran, '2026-03-20')).toBe(0);

    const utc = (await w.admin.get('dashboard/status-series?days=3&tz=UTC')).json();
    expect(utc.tz).toBe('UTC');
    expect(day(utc, '2026-03-20')).toBe(1);
    expect(day(utc, '2026-03-21')).toBe(0);

    expect((await w.admin.get('dashboard/status-series?tz=%2B03%3A30')).statusCode).toBe(400);
  });

  it('the dashboard’s "today" begins at the zone’s midnight', async () => {
    const w2 = await ticketWorld(t);
    const opened = async () => (await w2.agent.client.get('dashboard')).json().today.opened as number;
    t.clock.set(new Date('2026-03-20T20:29:00Z')); // 23:59 on 20 March in Tehran
    await openTicket(w2.alice.client, { departmentId: w2.support.id });
    expect(await opened()).toBe(1);

    t.clock.set(new Date('2026-03-20T20:31:00Z')); // 00:01 on 21 March in Tehran
    expect(await opened()).toBe(0);
    await openTicket(w2.alice.client, { departmentId: w2.support.id });
    // Another department's ticket is not the agent's to count.
    await openTicket(w2.alice.client, { departmentId: w2.billing.id });
    expect(await opened()).toBe(1);

    // In UTC both are of 20 March, which is still today at 20:31Z.
    expect((await w2.admin.patch('settings', { timeZone: 'UTC' })).statusCode).toBe(200);
    expect(await opened()).toBe(2);
    t.clock.set(new Date('2026-03-21T00:00:00Z'));
    expect(await opened()).toBe(0);
  });
});
