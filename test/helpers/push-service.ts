import { createECDH, randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './private-pg';

/** A subscription the push service made for a VAPID key, as a browser's `toJSON()` plus its handle. */
export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

export interface PushService {
  /** http://localhost:<port> */
  url: string;
  port: number;
  /** Subscribes like a browser's PushManager.subscribe({ applicationServerKey }). */
  subscribe(applicationServerKey: string): Promise<TestSubscription>;
  /** The subscription ends at the service: its endpoint answers 410 from now on. */
  expire(clientHash: string): Promise<void>;
  /** The messages the service received for a subscription, decrypted, oldest first. */
  messages(clientHash: string): Promise<string[]>;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The server script of the `web-push-testing` package (its CLI's `start` spawns the same one, detached). */
function serverScript(): string {
  let pkg: string;
  try {
    pkg = require.resolve('web-push-testing/package.json');
  } catch {
    throw new Error('web-push-testing is not installed: it is a devDependency, run `npm ci`');
  }
  const script = join(dirname(pkg), 'src', 'bin', 'server.js');
  if (!existsSync(script)) throw new Error(`web-push-testing: ${script} is missing (package layout changed?)`);
  return script;
}

/**
 * Starts the real web-push-testing server (RFC 8030 push service: it checks the VAPID JWT and
 * decrypts RFC 8291 payloads) as a child process on a free port, and waits until `POST /status`
 * answers. We run its server script directly rather than `web-push-testing start`, which detaches
 * the server and keeps its pid in a `.node-persist` folder of the working directory. Throws with
 * the server's own output when it cannot start: a test must fail then, never skip.
 */
export async function startPushService(timeoutMs = 15_000): Promise<PushService> {
  const script = serverScript();
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [script, String(port)], { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const url = `http://localhost:${port}`;
    if (await ready(child, url, timeoutMs)) return service(child, url, port);
    lastError = `exit code ${child.exitCode ?? 'none (killed after timeout)'}; output: ${output.trim().slice(0, 1000)}`;
    await kill(child);
  }
  throw new Error(`web-push-testing did not start (${script}): ${lastError}`);
}

async function ready(child: ChildProcess, url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(`${url}/status`, { method: 'POST', signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function service(child: ChildProcess, url: string, port: number): PushService {
  async function post<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`web-push-testing ${path}: ${res.status} ${text}`);
    return (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined) as T;
  }
  return {
    url,
    port,
    async subscribe(applicationServerKey) {
      return (await post<{ data: TestSubscription }>('/subscribe', { applicationServerKey })).data;
    },
    async expire(clientHash) {
      await post(`/expire-subscription/${clientHash}`);
    },
    async messages(clientHash) {
      return (await post<{ data: { messages: string[] } }>('/get-notifications', { clientHash })).data.messages;
    },
    stop: () => kill(child),
  };
}

/** A browser's keys as `PushSubscription.toJSON()` gives them (a real P-256 point), for subscriptions nobody sends to. */
export function browserKeys(): { p256dh: string; auth: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}
