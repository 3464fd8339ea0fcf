/**
 * npm run bench:directory -- [--url http://127.0.0.1:3400] [--workspace bench] [--people 5000]
 *                            [--admin-password bench-admin-1] [--duration 15]
 *
 * Issue 18: directory sign-in and sync against a real OpenLDAP. Starts a private slapd (the
 * tests' harness, Debian `slapd` + `ldap-utils`) with `--people` people, one in ten in the
 * agents group, adds it as a directory of the workspace through the API (the server needs
 * ALLOW_PRIVATE_NETWORK_TARGETS=true: slapd is on 127.0.0.1), then measures: the preview and the
 * first sync (everyone created), a sync with nothing changed, a sync after 5% renamed, 1% moved
 * into the agents group and 1% removed, and sign-ins through POST /auth/login (the directory
 * searched, the person's bind, the group read back, the account updated, a session made) at
 * concurrency 1 and 8. Writes bench/results/<date>-directory.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startSlapd } from '../test/helpers/slapd';
import { drive, type Measured } from './load/measure';
import { signIn } from './load/session';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3400' },
    workspace: { type: 'string', default: 'bench' },
    people: { type: 'string', default: '5000' },
    'admin-password': { type: 'string', default: 'bench-admin-1' },
    duration: { type: 'string', default: '15' },
  },
});
const url = values.url!.replace(/\/$/, '');
const N = Number(values.people);
const slapd = await startSlapd();
const dnOf = (i: number) => `uid=b${i},${slapd.peopleDn}`;
const t0 = performance.now();
let ldif = '';
for (let i = 0; i < N; i++)
  ldif += `dn: ${dnOf(i)}\nchangetype: add\nobjectClass: inetOrgPerson\nuid: b${i}\ncn: کاربر ${i}\nsn: ${i}\nmail: b${i}@example.org\nuserPassword: pw-b${i}\n\n`;
await slapd.modify(ldif);
const agents = Array.from({ length: Math.ceil(N / 10) }, (_, k) => `member: ${dnOf(k * 10)}`).join('\n');
await slapd.modify(`dn: ${slapd.groupDn('helpdesk-agents')}\nchangetype: modify\nadd: member\n${agents}\n`);
console.log(`slapd: ${N} people in ${Math.round(performance.now() - t0)} ms`);

const headers = {
  ...(await signIn(url, values.workspace!, 'admin', values['admin-password']!)),
  'x-workspace': values.workspace!,
};
const api = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${url}/api/v1/${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
};
const dir = await api<{ id: string }>('POST', 'directories', {
  name: `bench ${new Date().toISOString()}`,
  url: slapd.url,
  startTls: true,
  caCert: slapd.caCertPem,
  bindDn: slapd.reader.dn,
  bindPassword: slapd.reader.password,
  baseDn: slapd.peopleDn,
  userFilter: '(&(objectClass=inetOrgPerson)(uid={login}))',
  attributes: { username: 'uid', name: 'cn', email: 'mail', mobile: 'mobile' },
  groupMappings: [{ groupDn: slapd.groupDn('helpdesk-agents'), role: 'agent' }],
  syncIntervalMinutes: 0,
});
const syncs: Record<string, unknown> = {};
const sync = async (label: string, dryRun = false) => {
  const started = performance.now();
  const r = await api('POST', `directories/${dir.id}/sync`, { dryRun });
  syncs[label] = { ...r, samples: undefined, wallMs: Math.round(performance.now() - started) };
  console.log(label.padEnd(20), JSON.stringify(syncs[label]));
};
await sync('preview', true);
await sync('first');
await sync('unchanged');
let changes = '';
for (let i = 1; i < N; i += 20) changes += `dn: ${dnOf(i)}\nchangetype: modify\nreplace: cn\ncn: نام تازه ${i}\n\n`;
await slapd.modify(changes);
const moved = Array.from({ length: Math.floor(N / 100) }, (_, k) => `member: ${dnOf(k * 100 + 3)}`).join('\n');
await slapd.modify(`dn: ${slapd.groupDn('helpdesk-agents')}\nchangetype: modify\nadd: member\n${moved}\n`);
let removed = '';
for (let i = 7; i < N; i += 100) removed += `dn: ${dnOf(i)}\nchangetype: delete\n\n`;
await slapd.modify(removed);
await sync('after changes');

let next = 0;
const signIns: Record<string, Measured> = {};
for (const c of [1, 8]) {
  signIns[`c${c}`] = await drive(
    url,
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'x-workspace': values.workspace! },
      body: () => {
        const i = (next++ * 37) % N;
        return JSON.stringify({ login: `b${i % 100 === 7 ? i + 1 : i}`, password: `pw-b${i % 100 === 7 ? i + 1 : i}` });
      },
    },
    { connections: c, durationS: Number(values.duration), warmupS: 2 },
  );
  console.log(`sign-in c=${c}`, JSON.stringify(signIns[`c${c}`]));
}
await api('DELETE', `directories/${dir.id}`);
await slapd.stop();
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(`./results/${new Date().toISOString().replace(/[:.]/g, '-')}-directory.json`, import.meta.url);
writeFileSync(file, JSON.stringify({ people: N, syncs, signIns }, null, 2));
console.log(`written ${file.pathname}`);
