import { expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld } from '../helpers/tickets';

/** Ticket flows run on both drivers (integration on PostgreSQL, smoke on PGlite). */
export function ticketFlows(app: () => TestApp) {
  it('customer opens, agent replies with a note beside it, customer answers; search and queue agree', async () => {
    const t = app();
    const w = await ticketWorld(t);
    const tk = await openTicket(w.alice.client, {
      departmentId: w.support.id,
      subject: 'چاپگر طبقه‌ی دوم',
      body: '<p>كاغذ گير مي‌كند</p>',
    });
    expect(tk).toMatchObject({ status: 'active', messageCount: 1, requester: { level: 'member' } });
    await w.agent.client.post(`tickets/${tk.number}/messages`, { kind: 'note', body: 'secretnote' });
    await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'Restart it please', statusAfter: 'pending' });
    expect((await w.alice.client.get(`tickets/${tk.number}/messages`)).json().items).toHaveLength(2);
    await w.alice.client.post(`tickets/${tk.number}/messages`, { body: 'done, works' });
    const page = (await w.agent.client.get(`tickets/${tk.number}`)).json();
    expect(page).toMatchObject({ status: 'active', messageCount: 3 });
    expect(
      (await w.agent.client.get(`tickets?q=${encodeURIComponent('کاغذ گیر')}`))
        .json()
        .items.map((i: { number: number }) => i.number),
    ).toEqual([tk.number]);
    expect((await w.agent.client.get('tickets?q=secretnote')).json().total).toBe(1);
    expect((await w.alice.client.get('tickets?q=secretnote')).json().total).toBe(0);
    expect((await w.agent.client.get('tickets?status=active')).json().items[0].number).toBe(tk.number);
    expect((await w.admin.get(`tickets/${tk.number}/events`)).json().items.length).toBeGreaterThanOrEqual(4);
  });

  it('numbers stay gapless under parallel creates, and the notification job is queued with each change', async () => {
    const t = app();
    const w = await ticketWorld(t);
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => openTicket(w.bob.client, { departmentId: w.support.id, subject: `p${i}` })),
    );
    expect(created.map((c) => c.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const jobs = await t.deps.database.executeSql<{ n: number }>(
      "select count(*)::int as n from pgboss.job where name = 'notify.ticket' and (data->>'workspaceId')::bigint = $1",
      [w.workspaceId],
    );
    expect(jobs.rows[0].n).toBe(20);
  });
}
