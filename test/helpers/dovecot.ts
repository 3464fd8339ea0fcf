import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { config } from './dovecot-config';

const exec = promisify(execFile);

export const DOVECOT_BIN = '/usr/sbin/dovecot';
export const DOVEADM_BIN = '/usr/bin/doveadm';

export interface MailUser {
  user: string;
  password: string;
}

export interface StoredMessage {
  uid: number;
  /** IMAP flags, e.g. `\Seen`. */
  flags: string[];
  /** The whole message as stored (CRLF line ends are not guaranteed). */
  raw: string;
}

export interface Dovecot {
  host: '127.0.0.1';
  /** imap and pop3 are plain with STARTTLS/STLS; imaps and pop3s are implicit TLS. */
  ports: { imap: number; imaps: number; pop3: number; pop3s: number };
  /** The self-signed certificate the servers present (CN=localhost, SAN localhost + 127.0.0.1). */
  caCertPem: string;
  users: MailUser[];
  /** The temp dir holding config, certificate, log and maildirs. */
  dir: string;
  /** Puts a message into the user's mailbox (folder is created if missing; default INBOX). */
  deliver(user: string, raw: string | Buffer, opts?: { folder?: string }): Promise<void>;
  /**
   * Puts many messages into the user's INBOX at once, in order (the first gets the lowest new
   * UID), unseen, and has Dovecot index them; returns the INBOX's message count afterwards.
   * Writes Maildir files directly: `deliver` runs doveadm once per message, far too slow for
   * the thousands a benchmark needs.
   */
  deliverMany(user: string, raws: Iterable<Buffer>): Promise<number>;
  /** Messages of a folder in UID order, with flags and the raw text. */
  listMessages(user: string, folder?: string): Promise<StoredMessage[]>;
  addUser(user: string, password: string): Promise<void>;
  /** The Dovecot log so far (useful in a failing test's message). */
  log(): Promise<string>;
  stop(): Promise<void>;
}

/** A port the OS considers free right now (bound to 127.0.0.1 and released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Writes cert.pem + key.pem (self-signed, EC P-256, CN=localhost) into dir. */
export async function makeSelfSignedCert(
  dir: string,
): Promise<{ certPath: string; keyPath: string; certPem: string; keyPem: string }> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  // prettier-ignore
  await exec('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '3', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return { certPath, keyPath, certPem: await readFile(certPath, 'utf8'), keyPem: await readFile(keyPath, 'utf8') };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const validUser = (u: string) => /^[A-Za-z0-9._@+-]+$/.test(u);
const passwdLine = (u: MailUser) => {
  if (!validUser(u.user)) throw new Error(`dovecot test user name not allowed: ${u.user}`);
  if (/[:\n]/.test(u.password)) throw new Error('dovecot test password may not contain ":" or a newline');
  return `${u.user}:{PLAIN}${u.password}::::::\n`;
};

/**
 * Starts a private Dovecot (IMAP, IMAPS, POP3, POP3S on 127.0.0.1, random ports) from a generated
 * config in a fresh temp dir. Needs the Debian packages dovecot-imapd and dovecot-pop3d.
 * Default user: `alice` / `secret`.
 */
export async function startDovecot(opts: { users?: MailUser[] } = {}): Promise<Dovecot> {
  if (![DOVECOT_BIN, DOVEADM_BIN, '/usr/lib/dovecot/imap', '/usr/lib/dovecot/pop3'].every((f) => existsSync(f))) {
    throw new Error(
      `Dovecot is not installed (${DOVECOT_BIN}). Install the Debian packages: apt-get install dovecot-imapd dovecot-pop3d`,
    );
  }
  const users: MailUser[] = [...(opts.users ?? [{ user: 'alice', password: 'secret' }])];
  const dir = await mkdtemp(join(tmpdir(), 'pishkhan-dovecot-'));
  try {
    return await startIn(dir, users);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function startIn(dir: string, users: MailUser[]): Promise<Dovecot> {
  const asRoot = process.getuid?.() === 0;
  // As root Dovecot drops to unprivileged users (the package creates dovecot and dovenull); the
  // mail itself belongs to `dovecot`. As an ordinary user everything runs as that user.
  const me = userInfo();
  const mailUser = asRoot ? 'dovecot' : me.username;
  const { uid, gid } = asRoot ? await idOf('dovecot') : { uid: me.uid, gid: process.getgid?.() ?? me.gid };
  const loginUser = asRoot ? 'dovenull' : me.username;
  const internalUser = asRoot ? 'dovecot' : me.username;

  await chmod(dir, 0o755);
  const mailRoot = join(dir, 'mail');
  await mkdir(mailRoot, { recursive: true });
  if (asRoot) await chown(mailRoot, uid, gid);
  for (const sub of ['run', 'state']) await mkdir(join(dir, sub), { recursive: true });

  const cert = await makeSelfSignedCert(dir);
  const passwd = join(dir, 'passwd');
  await writeFile(passwd, users.map(passwdLine).join(''));
  await chmod(passwd, 0o644);
  const logPath = join(dir, 'dovecot.log');
  const conf = join(dir, 'dovecot.conf');

  for (let attempt = 1; ; attempt++) {
    const ports = { imap: await freePort(), imaps: await freePort(), pop3: await freePort(), pop3s: await freePort() };
    await writeFile(
      conf,
      config({ dir, mailRoot, passwd, logPath, cert, ports, mailUser, uid, gid, loginUser, internalUser }),
    );
    await writeFile(logPath, '');
    // Its own process group, so stop() can end the master and all its children at once.
    const child = spawn(DOVECOT_BIN, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let gone = false;
    void exited.then(() => (gone = true));

    const end = Date.now() + 15_000;
    let ready = false;
    while (!gone && Date.now() < end) {
      const ok = await Promise.all(Object.values(ports).map(canConnect));
      if (ok.every(Boolean)) {
        ready = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (ready) return handle({ dir, conf, logPath, ports, cert, users, passwd, child, exited, uid, gid, asRoot });

    if (!gone) killGroup(child, 'SIGKILL');
    await exited;
    const log = (await readFile(logPath, 'utf8').catch(() => '')) + out;
    // Another process may have taken one of the random ports between freePort() and bind.
    if (attempt < 3 && /already in use/i.test(log)) continue;
    throw new Error(`dovecot did not start (${dir}):\n${log}`);
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    /* already gone */
  }
}

async function idOf(name: string): Promise<{ uid: number; gid: number }> {
  const [u, g] = await Promise.all([exec('id', ['-u', name]), exec('id', ['-g', name])]);
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

interface HandleInput {
  dir: string;
  conf: string;
  logPath: string;
  ports: Dovecot['ports'];
  cert: { certPem: string };
  users: MailUser[];
  passwd: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  uid: number;
  gid: number;
  asRoot: boolean;
}

function handle(h: HandleInput): Dovecot {
  const doveadm = async (args: string[], input?: string | Buffer) =>
    new Promise<string>((resolve, reject) => {
      const p = spawn(DOVEADM_BIN, ['-c', h.conf, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let err = '';
      p.stdout.on('data', (d: Buffer) => out.push(d));
      p.stderr.on('data', (d) => (err += d));
      p.on('error', reject);
      p.on('exit', (code) =>
        code === 0
          ? resolve(Buffer.concat(out).toString('utf8'))
          : reject(new Error(`doveadm ${args.join(' ')} failed (${code}): ${err}`)),
      );
      p.stdin.on('error', () => {});
      p.stdin.end(input ?? '');
    });
  const known = (user: string) => {
    if (!h.users.some((u) => u.user === user)) throw new Error(`unknown dovecot test user: ${user}`);
  };
  let stopped = false;

  return {
    host: '127.0.0.1',
    ports: h.ports,
    caCertPem: h.cert.certPem,
    users: h.users,
    dir: h.dir,
    async deliver(user, raw, opts = {}) {
      known(user);
      const folder = opts.folder ?? 'INBOX';
      if (folder !== 'INBOX') await doveadm(['mailbox', 'create', '-u', user, folder]).catch(() => {});
      await doveadm(['save', '-u', user, '-m', folder], typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw);
    },
    async deliverMany(user, raws) {
      known(user);
      const maildir = join(h.dir, 'mail', user, 'Maildir');
      for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(maildir, sub), { recursive: true });
      // Dovecot gives new files their UIDs sorted by the time in the name, then the name: one
      // second apart keeps the given order whatever readdir returns. "cur" with an empty ":2,"
      // info is an unseen message that needs no rename from "new".
      const base = Math.floor(Date.now() / 1000) - 86_400;
      const call = randomBytes(6).toString('hex'); // names of an earlier call are never reused
      let i = 0;
      for (const raw of raws) {
        await writeFile(join(maildir, 'cur', `${base + i}.M${i}P${process.pid}R${call}.pishkhan:2,`), raw, {
          flag: 'wx',
        });
        i++;
      }
      if (h.asRoot) {
        const owned = [join(h.dir, 'mail', user), maildir, ...['cur', 'new', 'tmp'].map((d) => join(maildir, d))];
        for (const name of await readdir(join(maildir, 'cur'))) owned.push(join(maildir, 'cur', name));
        for (const path of owned) await chown(path, h.uid, h.gid);
      }
      // Index now, as delivery would have: the first IMAP or POP3 session should not pay for it.
      const out = await doveadm(['mailbox', 'status', '-u', user, 'messages', 'INBOX']);
      return Number(/messages=(\d+)/.exec(out)?.[1] ?? NaN);
    },
    async listMessages(user, folder = 'INBOX') {
      known(user);
      const out = await doveadm(['-f', 'json', 'fetch', '-u', user, 'uid flags text', 'mailbox', folder, 'all']).catch(
        (e: Error) => {
          if (/doesn't exist|not found/i.test(e.message)) return '[]';
          throw e;
        },
      );
      const rows = JSON.parse(out.trim() || '[]') as Array<{ uid: string; flags: string; text: string }>;
      return rows
        .map((r) => ({ uid: Number(r.uid), flags: r.flags ? r.flags.split(' ').filter(Boolean) : [], raw: r.text }))
        .sort((a, b) => a.uid - b.uid);
    },
    async addUser(user, password) {
      const u = { user, password };
      await appendFile(h.passwd, passwdLine(u));
      h.users.push(u);
      // Dovecot re-reads the passwd-file at most once a second: wait until the auth service knows the user.
      const end = Date.now() + 5_000;
      for (;;) {
        try {
          await doveadm(['user', user]);
          return;
        } catch (e) {
          if (Date.now() > end) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    log: () => readFile(h.logPath, 'utf8').catch(() => ''),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (h.child.exitCode === null && h.child.signalCode === null) {
        // The master alone can take seconds to shut down; its children stop at once on SIGTERM.
        killGroup(h.child, 'SIGTERM');
        const t = setTimeout(() => killGroup(h.child, 'SIGKILL'), 250);
        await h.exited;
        clearTimeout(t);
      }
      killGroup(h.child, 'SIGKILL'); // any child left behind
      await rm(h.dir, { recursive: true, force: true });
    },
  };
}
