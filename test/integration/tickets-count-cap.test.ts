import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { ticketWorld } from '../helpers/tickets';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('list totals', () => {
  it('are exact up to the cap, then say "at least", and always reach past the page asked for', async () => {
    const w = await ticketWorld(t);
    // 1,005 tickets straight into the table: the count cap is what is under test here.
    await t.deps.database.executeSql(
      `insert into tickets (workspace_id, number, subject, department_id, status, requester_id, waiting_since)
       select $1, g, 'bulk ' || g, $2, 'active', $3, now() - (g || ' minutes')::interval from generate_series(1, 1005) g`,
      [w.workspaceId, Number(w.support.id), Number(w.alice.id)],
    );
    const first = (await w.agent.client.get('tickets?pageSize=25')).json();
    expect(first).toMatchObject({ total: 1000, totalExact: false });
    expect(first.items).toHaveLength(25);
    const deep = (await w.agent.client.get('tickets?pageSize=25&page=41')).json();
    expect(deep).toMatchObject({ total: 1005, totalExact: true });
    expect(deep.items).toHaveLength(5);
    const narrow = (await w.agent.client.get('tickets?q=%231004')).json();
    expect(narrow).toMatchObject({ total: 1, totalExact: true });
  });
});
