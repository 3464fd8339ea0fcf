import { afterAll, beforeAll, describe } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { platformFlows } from '../flows/platform.flows';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('postgres');
});
afterAll(() => t.close());

describe('platform flows on PostgreSQL', () => platformFlows(() => t));
