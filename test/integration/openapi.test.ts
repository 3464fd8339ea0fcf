import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newWorkspace, type TestApp } from '../helpers/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Bodies integrators start from: each must carry an example. */
const MAIN_BODIES = [
  'login',
  'register',
  'createTicket',
  'updateTicket',
  'addTicketMessage',
  'bulkUpdateTickets',
  'createGuestTicket',
  'addGuestMessage',
  'createUser',
  'updateUser',
  'createDepartment',
  'createMailbox',
  'createApiToken',
  'updateSettings',
  'updateMe',
];

/**
 * The OpenAPI document describes every operation for an integrator (issue 13): a stable id,
 * texts, its tag, its security and its error answers with the one error schema, examples of the
 * main bodies; and what it documents is what the server answers.
 */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Json;
  let slug: string;
  const ops: Array<{ path: string; method: string; op: Json }> = [];

  beforeAll(async () => {
    t = await createTestApp();
    ({ slug } = await newWorkspace(t));
    doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const [path, item] of Object.entries<Json>(doc.paths))
      for (const method of METHODS) if (item[method]) ops.push({ path, method, op: item[method] });
  });
  afterAll(() => t.close());

  it('covers every API route, each with a unique camelCase operationId', () => {
    const routes = t.app.routeTable.length;
    expect(ops.length).toBe(routes);
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]+$/);
    for (const id of ['listTickets', 'createTicket', 'getTicket', 'updateTicket', 'login', 'listUsers'])
      expect(ids).toContain(id);
  });

  it('gives each operation a summary, a description and one described tag', () => {
    const tags = new Map<string, string>(doc.tags.map((tag: Json) => [tag.name, tag.description]));
    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.summary?.trim().length, where).toBeGreaterThan(3);
      expect(op.summary.length, where).toBeLessThanOrEqual(80);
      expect(op.description?.trim().length, where).toBeGreaterThan(20);
      expect(op.tags, where).toHaveLength(1);
      expect(tags.get(op.tags[0])?.length, `${where}: tag ${op.tags[0]} is described`).toBeGreaterThan(10);
    }
    for (const name of tags.keys())
      expect(
        ops.some((o) => o.op.tags[0] === name),
        `tag ${name} is used`,
      ).toBe(true);
  });

  it('declares the session cookie with its CSRF header and the bearer token, per operation', () => {
    const schemes = doc.components.securitySchemes;
    expect(schemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'pk_session' });
    expect(schemes.csrfToken).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-csrf-token' });
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const login = ops.find((o) => o.op.operationId === 'login')!.op;
    expect(login.security).toEqual([]);
    const update = ops.find((o) => o.op.operationId === 'updateTicket')!.op;
    expect(update.security).toEqual([{ session: [], csrfToken: [] }, { bearer: [] }]);
    const list = ops.find((o) => o.op.operationId === 'listTickets')!.op;
    expect(list.security).toEqual([{ session: [] }, { bearer: [] }]);
  });

  it('documents the error answers with the one error schema', () => {
    const responses = doc.components.responses;
    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      const errors = Object.keys(op.responses).filter((s) => /^[45]/.test(s));
      expect(
        errors.some((s) => s.startsWith('4')),
        where,
      ).toBe(true);
      for (const status of errors) {
        const ref: string = op.responses[status].$ref;
        expect(ref, `${where} ${status}`).toMatch(/^#\/components\/responses\//);
        const res = responses[ref.split('/').pop()!];
        expect(res.content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
      }
      if (op.security.length) expect(errors, where).toEqual(expect.arrayContaining(['401', '403']));
      if (op.parameters?.some((p: Json) => p.in === 'path')) expect(errors, where).toContain('404');
      expect(errors, where).toContain('503');
    }
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
  });

  it('shows an example for the main request bodies, and the Idempotency-Key where it is honoured', () => {
    for (const id of MAIN_BODIES) {
      const op = ops.find((o) => o.op.operationId === id)?.op;
      expect(op, id).toBeDefined();
      expect(op!.requestBody.content['application/json'].example, id).toBeDefined();
    }
    const create = ops.find((o) => o.op.operationId === 'createTicket')!.op;
    expect(create.parameters.map((p: Json) => p.name)).toContain('Idempotency-Key');
    expect(Object.keys(create.responses)).toContain('409');
    const upload = ops.find((o) => o.op.operationId === 'uploadFile')!.op;
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file.format).toBe('binary');
  });

  it('answers callers without credentials only with statuses it documents', async () => {
    const surprises: string[] = [];
    for (const { path, method, op } of ops) {
      const url = path.replace(/\{(\w+)\}/g, () => '999999');
      const res = await t.app.inject({
        method: method.toUpperCase() as 'GET',
        url,
        headers: { 'x-workspace': slug, 'content-type': 'application/json' },
        payload: method === 'get' || method === 'delete' ? undefined : '{}',
      });
      const documented = Object.keys(op.responses);
      if (!documented.includes(String(res.statusCode)))
        surprises.push(`${method.toUpperCase()} ${path}: ${res.statusCode} (documented ${documented.join(',')})`);
      if (res.statusCode >= 400) {
        const body = res.json();
        expect(typeof body.error?.code, `${method} ${path}`).toBe('string');
        expect(typeof body.error?.message, `${method} ${path}`).toBe('string');
      }
    }
    expect(surprises).toEqual([]);
  });
});
