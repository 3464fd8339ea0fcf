import { afterAll, beforeAll, describe } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { platformFlows } from '../flows/platform.flows';
import { ticketFlows } from '../flows/tickets.flows';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('postgres');
});
afterAll(() => t.close());

describe('platform flows on PostgreSQL', () => platformFlows(() => t));

describe('ticket flows on PostgreSQL', () => ticketFlows(() => t));
