import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../platform/http/error-handler';
import { webRoutes } from './web.routes';

async function appWith(dir: string) {
  const app = Fastify();
  installErrorHandling(app);
  app.get('/api/v1/ping', () => ({ ok: true }));
  await webRoutes(app, dir);
  await app.ready();
  return app;
}

describe('serving the web app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  const apps: Array<Awaited<ReturnType<typeof appWith>>> = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  it('answers index.html for / and for any page path, so deep links and reloads work', async () => {
    const app = await appWith(dir);
    apps.push(app);
    for (const url of ['/', '/agent/tickets/12?view=mine', '/portal', '/guest/tickets/5?code=x']) {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year and keeps API and missing assets as 404s', async () => {
    const app = await appWith(dir);
    apps.push(app);
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/assets/gone.js' })).statusCode).toBe(404);
    const api = await app.inject({ url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    expect((await app.inject({ url: '/api/v1/ping' })).json()).toEqual({ ok: true });
  });

  it('says how to build the app when it is not built', async () => {
    const app = await appWith(join(dir, 'missing'));
    apps.push(app);
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:web');
  });
});
