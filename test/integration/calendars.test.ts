import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

/**
 * Issue 16, K2: business calendars through the API — the default calendar a new workspace gets,
 * validation with translated messages that changes nothing, holidays imported per Jalali year,
 * the working-minutes arithmetic at /due, permissions, and isolation between workspaces.
 */
let t: TestApp;
let slug: string;
let admin: Client;
let en: Client;
let agent: Client;
let customer: Client;
let other: Client; // the admin of another workspace

beforeAll(async () => {
  t = await createTestApp('postgres');
  ({ slug } = await newWorkspace(t));
  admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  en = new Client(t, { ...admin.s, lang: 'en' });
  agent = (await makeUser(t, admin, slug, { role: 'agent' })).client;
  customer = (await makeUser(t, admin, slug, { role: 'customer' })).client;
  const second = await newWorkspace(t);
  other = await signIn(t, second.slug, 'admin', ADMIN_PASSWORD);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const IRAN_WEEK = {
  sat: [['08:00', '16:00']],
  sun: [['08:00', '16:00']],
  mon: [['08:00', '16:00']],
  tue: [['08:00', '16:00']],
  wed: [['08:00', '16:00']],
  thu: [['08:00', '12:00']],
  fri: [],
};

describe('the default calendar', () => {
  it('a new workspace has one: the Iranian week in Tehran time with two Jalali years of official holidays', async () => {
    const list = await admin.get('calendars');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    const cal = list.json().items[0];
    expect(cal).toMatchObject({ isDefault: true, timezone: 'Asia/Tehran', week: IRAN_WEEK, departmentId: null });
    expect(cal.name).toBe('تقویم کاری');
    // Two years: Nowruz of both, and lunar holidays waiting for confirmation.
    const nowruz = cal.holidays.filter((h: { date: string }) => /-03-2[01]$/.test(h.date));
    expect(nowruz.length).toBeGreaterThanOrEqual(2);
    expect(cal.holidays.length).toBeGreaterThan(40);
    expect(cal.holidays.some((h: { source: string; confirmed: boolean }) => h.source === 'lunar' && !h.confirmed)).toBe(
      true,
    );
    expect(cal.holidays.every((h: { source: string; confirmed: boolean }) => h.source !== 'fixed' || h.confirmed)).toBe(
      true,
    );
    const dates = cal.holidays.map((h: { date: string }) => h.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('cannot be deleted while it is the default', async () => {
    const cal = (await admin.get('calendars')).json().items[0];
    const res = await en.del(`calendars/${cal.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/default calendar/);
    expect((await admin.get(`calendars/${cal.id}`)).statusCode).toBe(200);
  });
});

describe('writing calendars', () => {
  it('refuses malformed weeks, zones and holidays with a translated message per field, and keeps nothing', async () => {
    const before = (await admin.get('calendars')).json().total;
    const bad: [unknown, string, RegExp][] = [
      [{ name: 'x', week: { ...IRAN_WEEK, sat: [['16:00', '08:00']] } }, 'week.sat.0', /end after it starts/],
      [{ name: 'x', week: { ...IRAN_WEEK, sun: [['8:00', '12:00']] } }, 'week.sun.0.0', /08:00/],
      [{ name: 'x', week: { ...IRAN_WEEK, mon: [['25:00', '26:00']] } }, 'week.mon.0.0', /08:00/],
      [
        {
          name: 'x',
          week: {
            ...IRAN_WEEK,
            tue: [
              ['08:00', '12:00'],
              ['11:00', '16:00'],
            ],
          },
        },
        'week.tue.1',
        /overlap/,
      ],
      [{ name: 'x', week: { sat: [], sun: [], mon: [], tue: [], wed: [], thu: [], fri: [] } }, 'week', /at least one/],
      [{ name: 'x', timezone: 'Mars/Olympus' }, 'timezone', /./],
      [{ name: 'x', holidays: [{ date: '2026-02-30', name: 'nope' }] }, 'holidays.0.date', /valid date/],
      [
        {
          name: 'x',
          holidays: [
            { date: '2026-04-01', name: 'A' },
            { date: '2026-04-01', name: 'A' },
          ],
        },
        'holidays.1',
        /twice/,
      ],
      [{ name: '' }, 'name', /./],
    ];
    for (const [body, field, message] of bad) {
      const res = await en.post('calendars', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[field], `${field} in ${res.body}`).toMatch(message);
    }
    const fa = await admin.post('calendars', { name: 'x', week: { ...IRAN_WEEK, sat: [['16:00', '08:00']] } });
    expect(fa.json().error.fields['week.sat.0']).toMatch(/پایان بازهٔ کاری/);
    expect((await admin.get('calendars')).json().total).toBe(before);
  });

  it('creates, changes and deletes a department calendar; moves the default; confirms a lunar holiday by rewriting the list', async () => {
    const dep = (await admin.post('departments', { name: 'فناوری اطلاعات' })).json();
    const created = await admin.post('calendars', {
      name: 'IT',
      timezone: 'Europe/Berlin',
      departmentId: dep.id,
      week: { ...IRAN_WEEK, thu: [], fri: [] },
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
    });
    expect(created.statusCode).toBe(201);
    const cal = created.json();
    expect(cal).toMatchObject({ isDefault: false, departmentId: dep.id, timezone: 'Europe/Berlin' });
    expect(cal.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas', source: 'manual', confirmed: true }]);
    // One calendar per department.
    const twice = await en.post('calendars', { name: 'IT 2', departmentId: dep.id });
    expect(twice.json().error.fields.departmentId).toMatch(/already has a calendar/);

    const imported = await admin.post(`calendars/${cal.id}/holidays/import`, { jalaliYear: 1405 });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().added).toBeGreaterThan(20);
    const again = await admin.post(`calendars/${cal.id}/holidays/import`, { jalaliYear: 1405 });
    expect(again.json().added).toBe(0);
    const holidays = again.json().calendar.holidays as {
      date: string;
      name: string;
      source: string;
      confirmed: boolean;
    }[];
    const lunar = holidays.find((h) => h.source === 'lunar')!;
    expect(lunar.confirmed).toBe(false);
    // The admin moves it a day and confirms it: the whole list, changed.
    const moved = new Date(`${lunar.date}T00:00:00Z`);
    moved.setUTCDate(moved.getUTCDate() + 1);
    const next = holidays.map((h) =>
      h === lunar ? { ...h, date: moved.toISOString().slice(0, 10), confirmed: true } : h,
    );
    const patched = await admin.patch(`calendars/${cal.id}`, { holidays: next, isDefault: true });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().isDefault).toBe(true);
    expect(patched.json().holidays).toContainEqual({
      ...lunar,
      date: moved.toISOString().slice(0, 10),
      confirmed: true,
    });
    expect(patched.json().holidays).not.toContainEqual(lunar);
    const all = (await admin.get('calendars')).json().items;
    expect(all.filter((c: { isDefault: boolean }) => c.isDefault).map((c: { id: string }) => c.id)).toEqual([cal.id]);
    // The old default can go now; the new one cannot.
    const old = all.find((c: { id: string }) => c.id !== cal.id);
    expect((await admin.del(`calendars/${old.id}`)).statusCode).toBe(204);
    expect((await admin.del(`calendars/${cal.id}`)).statusCode).toBe(409);
  });

  it('a PATCH with nothing in it is refused', async () => {
    const cal = (await admin.get('calendars')).json().items[0];
    const res = await en.patch(`calendars/${cal.id}`, {});
    expect(res.statusCode).toBe(400);
  });
});

describe('due: adding working minutes', () => {
  it('answers with the arithmetic of the calendar: Thursday half-days, Fridays and holidays skipped', async () => {
    const cal = (
      await admin.post('calendars', {
        name: 'Due',
        holidays: [{ date: '2026-03-21', name: 'جشن نوروز', source: 'fixed' }],
      })
    ).json();
    const due = async (from: string, workingMinutes: number) => {
      const res = await agent.post(`calendars/${cal.id}/due`, { from, workingMinutes });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().due;
    };
    // Wednesday 2026-03-18 15:00 Tehran: 60 minutes that day, Thursday 08:00–12:00 (240),
    // Friday off, Saturday 2026-03-21 a holiday, Sunday 08:00 + 20 minutes.
    expect(await due('2026-03-18T15:00:00+03:30', 320)).toBe(new Date('2026-03-22T08:20:00+03:30').toISOString());
    // Exactly the day's work ends at the window's end, not the next morning.
    expect(await due('2026-03-17T08:00:00+03:30', 480)).toBe(new Date('2026-03-17T16:00:00+03:30').toISOString());
    // From outside working hours, counting starts at the next window.
    expect(await due('2026-03-20T10:00:00+03:30', 30)).toBe(new Date('2026-03-22T08:30:00+03:30').toISOString());
    const bad = await new Client(t, { ...agent.s, lang: 'en' }).post(`calendars/${cal.id}/due`, {
      from: '2026-03-18 15:00',
      workingMinutes: -1,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['from', 'workingMinutes']);
    const far = await new Client(t, { ...agent.s, lang: 'en' }).post(`calendars/${cal.id}/due`, {
      from: '0001-01-01T00:00:00Z',
      workingMinutes: 5,
    });
    expect(far.json().error.fields.from).toBe('Choose a date between 1970 and 2200.');
  });
});

describe('who may', () => {
  it('customers see no calendars; agents read but do not write', async () => {
    expect((await customer.get('calendars')).statusCode).toBe(403);
    const cal = (await admin.get('calendars')).json().items[0];
    expect(
      (await customer.post(`calendars/${cal.id}/due`, { from: new Date().toISOString(), workingMinutes: 5 }))
        .statusCode,
    ).toBe(403);
    expect((await agent.get(`calendars/${cal.id}`)).statusCode).toBe(200);
    expect((await agent.patch(`calendars/${cal.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await agent.post(`calendars/${cal.id}/holidays/import`, { jalaliYear: 1406 })).statusCode).toBe(403);
  });

  it('another workspace’s admin finds none of them: 404 on every calendar route, and its list has only its own', async () => {
    const mine = (await admin.get('calendars')).json().items as { id: string; name: string }[];
    const theirs = (await other.get('calendars')).json();
    expect(theirs.total).toBe(1);
    expect(mine.map((c) => c.id)).not.toContain(theirs.items[0].id);
    for (const c of mine) {
      expect((await other.get(`calendars/${c.id}`)).statusCode).toBe(404);
      expect((await other.patch(`calendars/${c.id}`, { name: 'taken' })).statusCode).toBe(404);
      expect((await other.post(`calendars/${c.id}/holidays/import`, { jalaliYear: 1406 })).statusCode).toBe(404);
      expect(
        (await other.post(`calendars/${c.id}/due`, { from: new Date().toISOString(), workingMinutes: 5 })).statusCode,
      ).toBe(404);
      expect((await other.del(`calendars/${c.id}`)).statusCode).toBe(404);
    }
    const after = (await admin.get('calendars')).json().items as { id: string; name: string }[];
    expect(after).toEqual(mine);
    // Nor can a department of another workspace be given a calendar.
    const foreignDep = (await other.post('departments', { name: 'Theirs' })).json();
    const res = await en.post('calendars', { name: 'x', departmentId: foreignDep.id });
    expect(res.json().error.fields.departmentId).toMatch(/No such department/);
  });
});
