import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;
/** The server as `npm start` runs it: the bundle, built by the projects' global setup (build-server-setup.ts). */
const SERVER = 'src/server/main.ts';
const BUNDLE = `${ROOT}dist/server/main.js`;

export interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

/** Runs a script of the product (the server, the migrate CLI) as a real process. */
export function run(script: string, env: Record<string, string>): Proc {
  let out = '';
  let err = '';
  const [command, args] = script === SERVER ? [process.execPath, ['--enable-source-maps', BUNDLE]] : [TSX, [script]];
  const child = spawn(command, args, {
    cwd: ROOT,
    // Test mail servers listen on 127.0.0.1: private targets are allowed unless a test says otherwise.
    env: { PATH: process.env.PATH!, LOG_LEVEL: 'warn', ALLOW_PRIVATE_NETWORK_TARGETS: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

export const randomPort = () => 20000 + Math.floor(Math.random() * 20000);

/** Waits until GET url answers 200, or the process exits, or the time is up. */
export async function waitReady(p: Proc, url: string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  let exited = false;
  void p.exited.then(() => (exited = true));
  while (Date.now() < end) {
    if (exited) throw new Error(`server exited early:\n${p.out()}\n${p.err()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready in ${ms} ms:\n${p.out()}\n${p.err()}`);
}

export async function stop(p: Proc) {
  if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await p.exited;
}

export async function login(base: string, login: string, password: string) {
  return fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
}
