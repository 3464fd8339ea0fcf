import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { JOB_QUEUES } from '../../src/server/jobs-registry';
import { loadConfig } from '../../src/server/platform/config';
import { manualClock } from '../../src/server/platform/clock';
import type { AppDeps } from '../../src/server/platform/context';
import { closeDeps, createDeps } from '../../src/server/platform/deps';
import { createLogger } from '../../src/server/platform/logger';
import { memoryMailer } from '../../src/server/platform/mailer';
import { memorySms } from '../../src/server/platform/sms';
import { diskStorage } from '../../src/server/platform/storage';
import { createWorkspace } from '../../src/server/modules/workspaces/create-workspace';

export type Driver = 'postgres' | 'embedded';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: ReturnType<typeof manualClock>;
  mailer: ReturnType<typeof memoryMailer>;
  sms: ReturnType<typeof memorySms>;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * A real app on a real database: PostgreSQL (the database globalSetup made) or an in-memory
 * PGlite. Only the clock, the mailer and the log destination are swapped; `env` adds to or
 * overrides the environment the configuration is read from.
 */
export async function createTestApp(driver: Driver = 'postgres', env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pishkhan-test-'));
  const databaseUrl = driver === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
  if (driver === 'postgres' && !databaseUrl)
    throw new Error('TEST_DATABASE_URL is not set: run through the integration project');
  const config = loadConfig({
    DATA_DIR: driver === 'embedded' ? 'memory://' : dataDir,
    DATABASE_URL: databaseUrl,
    SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
    LOG_LEVEL: 'info',
    DB_POOL_SIZE: '5',
    // The mail tests talk to Dovecot and an SMTP receiver on 127.0.0.1.
    ALLOW_PRIVATE_NETWORK_TARGETS: 'true',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const clock = manualClock(new Date());
  const mailer = memoryMailer();
  const sms = memorySms();
  // Files live on disk even when the database is in memory; with S3_URL, createDeps picks the bucket.
  const deps = await createDeps(config, {
    queues: JOB_QUEUES,
    clock,
    mailer,
    sms,
    log: createLogger('info', sink),
    storage: config.s3 ? undefined : diskStorage(join(dataDir, 'files')),
  });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    clock,
    mailer,
    sms,
    logs,
    async close() {
      await app.close();
      await closeDeps(deps);
    },
  };
}

let counter = 0;
export const unique = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const ADMIN_PASSWORD = 'admin-password-1';

/** A fresh workspace with an admin; requests to it go with its slug until someone signs in. */
export async function newWorkspace(t: TestApp) {
  const slug = unique('ws');
  const { workspace, admin } = await createWorkspace(t.deps, {
    slug,
    name: `Workspace ${slug}`,
    admin: { username: 'admin', password: ADMIN_PASSWORD, email: `admin@${slug}.test` },
  });
  return { slug, workspaceId: workspace.id, adminId: admin.id };
}

export interface Session {
  cookie?: string;
  csrf?: string;
  bearer?: string;
  slug?: string;
  lang?: string;
}

/** A person talking to the API: carries its cookie and CSRF token, or a bearer token. */
export class Client {
  constructor(
    readonly t: TestApp,
    public s: Session = {},
  ) {}

  async req(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    extra: Partial<InjectOptions> = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...((extra.headers as Record<string, string>) ?? {}) };
    if (this.s.cookie) headers.cookie = `pk_session=${this.s.cookie}`;
    if (this.s.csrf && method !== 'GET') headers['x-csrf-token'] = this.s.csrf;
    if (this.s.bearer) headers.authorization = `Bearer ${this.s.bearer}`;
    if (this.s.slug) headers['x-workspace'] = this.s.slug;
    if (this.s.lang) headers['accept-language'] = this.s.lang;
    const opts: InjectOptions = { method, url: url.startsWith('/') ? url : `/api/v1/${url}`, headers, ...extra };
    if (body !== undefined) opts.payload = body as InjectOptions['payload'];
    opts.headers = { ...headers, ...(extra.headers as Record<string, string> | undefined) };
    return this.t.app.inject(opts);
  }
  get = (url: string, extra?: Partial<InjectOptions>) => this.req('GET', url, undefined, extra);
  post = (url: string, body?: unknown, extra?: Partial<InjectOptions>) => this.req('POST', url, body ?? {}, extra);
  patch = (url: string, body?: unknown, extra?: Partial<InjectOptions>) => this.req('PATCH', url, body ?? {}, extra);
  put = (url: string, body?: unknown, extra?: Partial<InjectOptions>) => this.req('PUT', url, body ?? {}, extra);
  del = (url: string, extra?: Partial<InjectOptions>) => this.req('DELETE', url, undefined, extra);
}

/** Signs in and returns a client holding the session cookie and CSRF token. */
export async function signIn(
  t: TestApp,
  slug: string,
  login: string,
  password: string,
  extra: Partial<InjectOptions> = {},
): Promise<Client> {
  const res = await new Client(t, { slug }).post('auth/login', { login, password }, extra);
  if (res.statusCode !== 200) throw new Error(`sign-in of ${login} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'pk_session')!.value;
  return new Client(t, { cookie, csrf: res.json().csrfToken, slug });
}

/** Creates a user through the API as `admin` and signs it in. */
export async function makeUser(
  t: TestApp,
  admin: Client,
  slug: string,
  input: Record<string, unknown> & { role: 'admin' | 'agent' | 'customer' },
): Promise<{ id: string; client: Client; username: string }> {
  const username = (input.username as string) ?? unique('u');
  const res = await admin.post('users', { password: 'user-password-1', ...input, username });
  if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
  const client = await signIn(t, slug, username, (input.password as string) ?? 'user-password-1');
  return { id: res.json().id, client, username };
}
