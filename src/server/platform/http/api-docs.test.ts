import { describe, expect, it } from 'vitest';
import { completeDocument, openApiPath, type ApiDocs } from './api-docs';
import { access } from './access';

const doc = () => ({
  openapi: '3.1.0',
  paths: {
    '/api/v1/things': { get: { tags: ['things'], responses: { 200: { description: 'Default Response' } } } },
    '/api/v1/things/{id}': {
      delete: { tags: ['things'], parameters: [{ name: 'id', in: 'path', required: true }], responses: {} },
    },
  },
  components: {},
});
const routes = [
  { method: 'GET', url: '/api/v1/things', access: access.public(), idempotent: false },
  { method: 'DELETE', url: '/api/v1/things/:id', access: access.perm('tickets.delete'), idempotent: false },
];
const docs: ApiDocs = {
  'GET /things': { operationId: 'listThings', summary: 'List things', description: 'Every thing.', errors: [429] },
  'DELETE /things/:id': {
    operationId: 'deleteThing',
    summary: 'Delete a thing',
    description: 'Gone for good.',
    deprecated: { since: '2026-12-01', sunset: '2027-06-01', use: 'POST /things/{id}/archive' },
  },
};

describe('completeDocument', () => {
  it('fills ids, texts, security and the derived and declared error answers', () => {
    const out = completeDocument(doc(), routes, docs, [{ name: 'things', description: 'Things.' }]) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const list = out.paths['/api/v1/things'].get;
    expect(list).toMatchObject({ operationId: 'listThings', summary: 'List things', security: [] });
    expect(Object.keys(list.responses).sort()).toEqual(['200', '429', '503']);
    const del = out.paths['/api/v1/things/{id}'].delete;
    expect(del.security).toEqual([{ session: [], csrfToken: [] }, { bearer: [] }]);
    expect(Object.keys(del.responses).sort()).toEqual(['204', '400', '401', '403', '404', '503']);
    expect(del.deprecated).toBe(true);
    expect(del.description).toMatch(/POST \/things\/\{id\}\/archive/);
    // Only the error answers in use are components.
    expect(Object.keys(out.components.responses).sort()).toEqual(
      ['BadRequest', 'Forbidden', 'NotFound', 'RateLimited', 'Unauthorized', 'Unavailable'].sort(),
    );
  });

  it('refuses a route without an entry, an entry without a route, and a reused operationId', () => {
    expect(() => completeDocument(doc(), routes, { 'GET /things': docs['GET /things'] }, [])).toThrow(/no entry/);
    expect(() =>
      completeDocument(doc(), routes, { ...docs, 'GET /gone': { ...docs['GET /things'], operationId: 'x' } }, []),
    ).toThrow(/without a route/);
    expect(() =>
      completeDocument(
        doc(),
        routes,
        { ...docs, 'DELETE /things/:id': { ...docs['DELETE /things/:id'], operationId: 'listThings' } },
        [],
      ),
    ).toThrow(/listThings/);
  });

  it('writes route paths as OpenAPI paths', () => {
    expect(openApiPath('/tickets/:number/messages/:id')).toBe('/api/v1/tickets/{number}/messages/{id}');
  });
});
