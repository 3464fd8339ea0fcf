import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { platformFlows } from '../flows/platform.flows';
import { ticketFlows } from '../flows/tickets.flows';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('embedded');
});
afterAll(() => t.close());

describe('platform flows on embedded PGlite', () => {
  it('runs on the embedded driver', async () => {
    expect(t.deps.database.kind).toBe('embedded');
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: 'embedded' });
  });
  platformFlows(() => t);
});

describe('ticket flows on embedded PGlite', () => ticketFlows(() => t));
