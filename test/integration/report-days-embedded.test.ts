import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, newWorkspace, signIn } from '../helpers/test-app';

/** K4 report days on embedded PGlite (report-days.test.ts has PostgreSQL's): marked, counted, held. */
const RANGE = 'from=2026-09-01&to=2026-09-10';
const at = (tehran: string) => new Date(`${tehran}+03:30`);

describe('report days on embedded PGlite', () => {
  it('are marked by the triggers and counted the same way', async () => {
    const e = await createTestApp('embedded');
    try {
      e.clock.set(at('2026-09-03T10:00:00'));
      const w = await newWorkspace(e);
      const boss = await signIn(e, w.slug, 'admin', ADMIN_PASSWORD);
      const dep = (await boss.post('departments', { name: 'پشتیبانی' })).json().id;
      const get = async () => (await boss.get(`reports/overview?${RANGE}`)).json();
      const first = await get();
      expect(first.created).toBe(0);
      const n = (await boss.post('tickets', { subject: 'یک', body: '<p>متن</p>', departmentId: dep })).json().number;
      e.clock.set(at('2026-09-03T10:45:00'));
      expect((await boss.patch(`tickets/${n}`, { status: 'closed' })).statusCode).toBe(200);
      const r = await get();
      expect(r).toMatchObject({ created: 1, closed: 1, resolution: { median: 45, p90: 45 } });
      expect(r.byDay.find((d: { date: string }) => d.date === '2026-09-03')).toEqual({
        date: '2026-09-03',
        created: 1,
        closed: 1,
        open: 0,
      });
    } finally {
      await e.close();
    }
  }, 60_000);
});
