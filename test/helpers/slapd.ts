import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as LdapClient } from 'ldapts';
import { freePort } from './dovecot';
import {
  ADMIN_DN,
  AD_SCHEMA,
  BASE_DN,
  GROUPS_DN,
  PEOPLE_DN,
  READER_DN,
  UAC_DISABLED,
  UAC_NORMAL,
  baseEntries,
  groupDn,
  groupEntry,
  ldifEntry,
  ldifLine,
  NESTED_GROUPS,
  personDn,
  personEntry,
  READER_PASSWORD,
  SEED_GROUPS,
  SEED_PEOPLE,
  slapdConf,
  ssha,
  type PersonInput,
} from './slapd-config';
import { makeTestPki } from './slapd-tls';

export const SLAPD_BIN = '/usr/sbin/slapd';
export const SLAPADD_BIN = '/usr/sbin/slapadd';
export const LDAPMODIFY_BIN = '/usr/bin/ldapmodify';

export interface DirectoryPerson {
  uid: string;
  dn: string;
  name: string;
  email: string | null;
  mobile: string | null;
  password: string;
  disabled: boolean;
  /** The cn of the groups that list this person directly. */
  groups: string[];
}

export type NewPerson = PersonInput;

export interface Slapd {
  /** `ldap://127.0.0.1:<port>` (STARTTLS offered) and `ldaps://127.0.0.1:<ldapsPort>`. */
  url: string;
  ldapsUrl: string;
  host: '127.0.0.1';
  port: number;
  ldapsPort: number;
  /** The CA made for this run; it signed the server certificate (SAN localhost, 127.0.0.1). */
  caCertPem: string;
  /** A CA that signed nothing here. */
  otherCaPem: string;
  baseDn: string;
  peopleDn: string;
  groupsDn: string;
  /** The service account: reads everything but userPassword. */
  reader: { dn: string; password: string };
  /** The rootdn: may do anything (the helper's own writes use it). */
  admin: { dn: string; password: string };
  /** The people in the directory now (seeded, then as changed through this handle). */
  users: DirectoryPerson[];
  /** DN of a group by its cn (`cn=<cn>,ou=groups,dc=example,dc=org`). */
  groupDn(cn: string): string;
  user(uid: string): DirectoryPerson;
  addUser(p: NewPerson): Promise<DirectoryPerson>;
  setPassword(uid: string, password: string): Promise<void>;
  /** AD's userAccountControl: 514 (ACCOUNTDISABLE) or 512. */
  setDisabled(uid: string, disabled: boolean): Promise<void>;
  /** Deletes the entry and takes it out of every group, as AD does. */
  removeUser(uid: string): Promise<void>;
  /**
   * Brings a removed person back as AD's recycle bin does: the same entry, entryUUID (the
   * product's identity of a person, as objectGUID in AD), password and groups.
   */
  restoreUser(uid: string): Promise<DirectoryPerson>;
  /** Creates the group when it does not exist. */
  addToGroup(uid: string, groupCn: string): Promise<void>;
  removeFromGroup(uid: string, groupCn: string): Promise<void>;
  /** Runs an LDIF of change records (`changetype: …`) as the rootdn. */
  modify(ldif: string): Promise<void>;
  /** slapd's log so far (connections, binds, searches, results): useful in a failing test's message. */
  log(): Promise<string>;
  /** The temp dir holding config, certificates, database and log. */
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts a private OpenLDAP slapd (plain LDAP with STARTTLS and LDAPS on 127.0.0.1, random
 * ports) from a generated slapd.conf in a fresh temp dir, seeded with the people above. Needs the
 * Debian packages slapd and ldap-utils.
 */
export async function startSlapd(): Promise<Slapd> {
  const missing = [SLAPD_BIN, SLAPADD_BIN, LDAPMODIFY_BIN, '/usr/lib/ldap/back_mdb.so'].filter((f) => !existsSync(f));
  if (missing.length)
    throw new Error(
      `OpenLDAP is not installed (${missing.join(', ')} missing). Install the Debian packages: apt-get install slapd ldap-utils`,
    );
  const dir = await mkdtemp(join(tmpdir(), 'pishkhan-slapd-'));
  try {
    return await startIn(dir);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function startIn(dir: string): Promise<Slapd> {
  const adminPassword = randomBytes(9).toString('base64url');
  const dbDir = join(dir, 'db');
  await mkdir(dbDir);
  const schemaPath = join(dir, 'pishkhan-ad.schema');
  const conf = join(dir, 'slapd.conf');
  const pwFile = join(dir, 'admin.pw');
  const [tls] = await Promise.all([
    makeTestPki(dir),
    writeFile(schemaPath, AD_SCHEMA),
    writeFile(pwFile, adminPassword, { mode: 0o600 }),
  ]);
  await writeFile(conf, slapdConf({ dir, schemaPath, dbDir, adminPasswordHash: ssha(adminPassword), tls }));

  // Seeded offline with slapadd: one process, no network round trips.
  const users: DirectoryPerson[] = SEED_PEOPLE.map((p) => person(p));
  const members = (cn: string) => [
    ...users.filter((u) => u.groups.includes(cn)).map((u) => u.dn),
    ...(NESTED_GROUPS[cn] ?? []).map(groupDn),
  ];
  const seed = [
    ...baseEntries(READER_PASSWORD),
    ...SEED_PEOPLE.map(personEntry),
    ...SEED_GROUPS.map((cn) => groupEntry(cn, members(cn))),
  ].join('\n');
  await writeFile(join(dir, 'seed.ldif'), seed);
  await run(SLAPADD_BIN, ['-q', '-f', conf, '-l', join(dir, 'seed.ldif')]);

  const logPath = join(dir, 'slapd.log');
  for (let attempt = 1; ; attempt++) {
    const ports = { ldap: await freePort(), ldaps: await freePort() };
    const listen = `ldap://127.0.0.1:${ports.ldap}/ ldaps://127.0.0.1:${ports.ldaps}/`;
    const logFd = openSync(logPath, 'w');
    // -d keeps slapd in the foreground (so it is our child) and writes its "stats" log to stderr.
    const child = spawn(SLAPD_BIN, ['-f', conf, '-h', listen, '-d', 'stats'], { stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let gone = false;
    void exited.then(() => (gone = true));

    const end = Date.now() + 10_000;
    while (!gone && Date.now() < end) {
      if ((await canConnect(ports.ldap)) && (await canConnect(ports.ldaps)))
        return handle({ dir, conf, pwFile, logPath, ports, tls, users, adminPassword, child, exited });
      await new Promise((r) => setTimeout(r, 20));
    }
    if (!gone) child.kill('SIGKILL');
    await exited;
    const log = await readFile(logPath, 'utf8').catch(() => '');
    // Another process may have taken one of the random ports between freePort() and bind.
    if (attempt < 3 && /already in use/i.test(log)) continue;
    throw new Error(`slapd did not start (${dir}):\n${log}`);
  }
}

function person(p: NewPerson): DirectoryPerson {
  return {
    uid: p.uid,
    dn: personDn(p.uid),
    name: p.name,
    email: p.email ?? null,
    mobile: p.mobile ?? null,
    password: p.password,
    disabled: !!p.disabled,
    groups: [...(p.groups ?? [])],
  };
}

/** A value for an LDAP filter (RFC 4515): the characters that would change its meaning, as hex. */
const escapeFilter = (v: string) =>
  v.replace(/[\\*()\0]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);

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

/** Runs a CLI with stdin; rejects with its output when it fails. */
function run(bin: string, args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${bin} ${args[0] ?? ''} failed (${code}):\n${out}\n${input}`)),
    );
    p.stdin.on('error', () => {});
    p.stdin.end(input);
  });
}

interface HandleInput {
  dir: string;
  conf: string;
  pwFile: string;
  logPath: string;
  ports: { ldap: number; ldaps: number };
  tls: { caCertPem: string; otherCaPem: string };
  users: DirectoryPerson[];
  adminPassword: string;
  child: ChildProcess;
  exited: Promise<void>;
}

function handle(h: HandleInput): Slapd {
  const url = `ldap://127.0.0.1:${h.ports.ldap}`;
  // A test that dies before stop() must not leave slapd running.
  const killOnExit = () => h.child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const ldapmodify = (ldif: string, o: { add?: boolean; relax?: boolean } = {}) =>
    run(
      LDAPMODIFY_BIN,
      [...(o.add ? ['-a'] : []), ...(o.relax ? ['-e', 'relax'] : []), '-x', '-H', url, '-D', ADMIN_DN, '-y', h.pwFile],
      ldif,
    );
  const change = (dn: string, lines: string[]) =>
    ldapmodify([ldifLine('dn', dn), 'changetype: modify', ...lines, ''].join('\n'));
  const known = (uid: string) => {
    const u = h.users.find((x) => x.uid === uid);
    if (!u) throw new Error(`unknown slapd test user: ${uid}`);
    return u;
  };
  const asAdmin = async <T>(fn: (c: LdapClient) => Promise<T>): Promise<T> => {
    const c = new LdapClient({ url, timeout: 5_000 });
    try {
      await c.bind(ADMIN_DN, h.adminPassword);
      return await fn(c);
    } finally {
      await c.unbind().catch(() => {});
    }
  };
  /** The group's members now, or null when it does not exist. */
  const membersOf = (cn: string) =>
    asAdmin(async (c) => {
      try {
        const { searchEntries } = await c.search(groupDn(cn), { scope: 'base', attributes: ['member'] });
        const m = searchEntries[0]?.member ?? [];
        return (Array.isArray(m) ? m : [m]).map(String).filter((v) => v !== '');
      } catch (e) {
        if ((e as { code?: number }).code === 32) return null; // noSuchObject
        throw e;
      }
    });
  const sameDn = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const setMembers = (cn: string, dns: string[]) =>
    change(groupDn(cn), ['replace: member', ...(dns.length ? dns : ['']).map((d) => ldifLine('member', d)), '-']);

  const addToGroup = async (uid: string, cn: string) => {
    const u = known(uid);
    const now = await membersOf(cn);
    if (now === null) await ldapmodify(groupEntry(cn, [u.dn]), { add: true });
    else if (!now.some((m) => sameDn(m, u.dn))) await setMembers(cn, [...now, u.dn]);
    if (!u.groups.includes(cn)) u.groups.push(cn);
  };
  const removeFromGroup = async (uid: string, cn: string) => {
    const u = known(uid);
    const now = await membersOf(cn);
    if (now?.some((m) => sameDn(m, u.dn)))
      await setMembers(
        cn,
        now.filter((m) => !sameDn(m, u.dn)),
      );
    u.groups = u.groups.filter((g) => g !== cn);
  };
  /** What removeUser deleted, for restoreUser: the entry's attributes and its groups. */
  const removed = new Map<string, { person: DirectoryPerson; attrs: Array<[string, string]>; groups: string[] }>();
  let stopped = false;

  return {
    url,
    ldapsUrl: `ldaps://127.0.0.1:${h.ports.ldaps}`,
    host: '127.0.0.1',
    port: h.ports.ldap,
    ldapsPort: h.ports.ldaps,
    caCertPem: h.tls.caCertPem,
    otherCaPem: h.tls.otherCaPem,
    baseDn: BASE_DN,
    peopleDn: PEOPLE_DN,
    groupsDn: GROUPS_DN,
    reader: { dn: READER_DN, password: READER_PASSWORD },
    admin: { dn: ADMIN_DN, password: h.adminPassword },
    users: h.users,
    groupDn,
    user: known,
    async addUser(p) {
      if (h.users.some((u) => u.uid === p.uid)) throw new Error(`slapd test user exists: ${p.uid}`);
      await ldapmodify(personEntry(p), { add: true });
      const u = person({ ...p, groups: [] });
      h.users.push(u);
      for (const cn of p.groups ?? []) await addToGroup(p.uid, cn);
      return u;
    },
    async setPassword(uid, password) {
      const u = known(uid);
      await change(u.dn, ['replace: userPassword', ldifLine('userPassword', ssha(password)), '-']);
      u.password = password;
    },
    async setDisabled(uid, disabled) {
      const u = known(uid);
      const uac = String(disabled ? UAC_DISABLED : UAC_NORMAL);
      await change(u.dn, ['replace: userAccountControl', `userAccountControl: ${uac}`, '-']);
      u.disabled = disabled;
    },
    async removeUser(uid) {
      const u = known(uid);
      const { attrs, groups } = await asAdmin(async (c) => {
        const entry = (await c.search(u.dn, { scope: 'base', attributes: ['*', 'entryUUID'] })).searchEntries[0]!;
        const { searchEntries } = await c.search(GROUPS_DN, {
          filter: `(member=${escapeFilter(u.dn)})`,
          attributes: ['cn'],
        });
        const attrs = Object.entries(entry)
          .filter(([k]) => k !== 'dn')
          .flatMap(([k, v]) => [v].flat().map((x): [string, string] => [k, String(x)]));
        return { attrs, groups: searchEntries.map((e) => String(e.cn)) };
      });
      for (const cn of groups) await removeFromGroup(uid, cn);
      await ldapmodify([ldifLine('dn', u.dn), 'changetype: delete', ''].join('\n'));
      h.users.splice(h.users.indexOf(u), 1);
      removed.set(uid, { person: u, attrs, groups });
    },
    async restoreUser(uid) {
      const r = removed.get(uid);
      if (!r) throw new Error(`slapd test user was not removed: ${uid}`);
      // entryUUID is the server's own: only the rootdn with the Relax Rules control may set it.
      await ldapmodify(ldifEntry(r.person.dn, r.attrs), { add: true, relax: true });
      removed.delete(uid);
      h.users.push(r.person);
      r.person.groups = [];
      for (const cn of r.groups) await addToGroup(uid, cn);
      return r.person;
    },
    addToGroup,
    removeFromGroup,
    modify: async (ldif) => void (await ldapmodify(ldif)),
    log: () => readFile(h.logPath, 'utf8').catch(() => ''),
    dir: h.dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      if (h.child.exitCode === null && h.child.signalCode === null) {
        h.child.kill('SIGTERM');
        const t = setTimeout(() => h.child.kill('SIGKILL'), 2_000);
        await h.exited;
        clearTimeout(t);
      }
      await rm(h.dir, { recursive: true, force: true });
    },
  };
}
