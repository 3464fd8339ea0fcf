import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dir = () => mkdtempSync(join(tmpdir(), 'pk-config-'));

describe('loadConfig', () => {
  it('has working defaults and keeps a generated secret key in DATA_DIR', () => {
    const d = dir();
    const c = loadConfig({ DATA_DIR: d });
    expect(c).toMatchObject({ port: 3000, host: 'localhost', demo: true, publicUrl: 'http://localhost:3000' });
    expect(c.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(d, 'secret-key'), 'utf8').trim()).toBe(c.secretKey);
    expect(loadConfig({ DATA_DIR: d }).secretKey).toBe(c.secretKey);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ ADMIN_USERNAME: 'root' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_USERNAME: 'x', ADMIN_PASSWORD: 'long-enough' }, 'ADMIN_USERNAME'],
  ])('names the bad variable in %j', (env, name) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dir(), ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${name}:`);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: dir(),
      DATABASE_URL: 'postgres://u@h/db',
      PUBLIC_URL: 'https://desk.example.ir/',
      SECRET_KEY: 'k'.repeat(40),
      ADMIN_USERNAME: 'boss',
      ADMIN_PASSWORD: 'boss-password',
      DEMO: 'false',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@h/db',
      publicUrl: 'https://desk.example.ir',
      demo: false,
      admin: { username: 'boss', password: 'boss-password' },
    });
  });
});
