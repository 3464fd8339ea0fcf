import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, sha256 } from '../../src/server/platform/crypto';
import { multipart, png } from '../helpers/images';
import {
  ADMIN_PASSWORD,
  Client,
  createTestApp,
  makeUser,
  newWorkspace,
  signIn,
  type TestApp,
} from '../helpers/test-app';

/**
 * Three workspaces over every endpoint of the published API (issue 19, point 3). A and B are
 * full of things whose names carry a marker; C is empty. Driven by docs/openapi.json, so an
 * endpoint added later without being covered here fails the test:
 * - every operation with an id in its path, called from C with A's and with B's ids, answers
 *   exactly what it answers for an id that does not exist (404, same body) — nothing of A or B
 *   can be read, changed, deleted or even detected;
 * - every GET without an id, called as C's admin (and signed out, for public ones), never shows
 *   a marker of A or B, with and without a search for it.
 */
const spec = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};
const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

let t: TestApp;
interface World {
  slug: string;
  admin: Client;
  /** Value of each path parameter, per operation path template ("{id}" differs per resource). */
  params: Map<string, Record<string, string>>;
  marker: string;
}
let A: World;
let B: World;
let C: { slug: string; admin: Client };

const ok = (res: { statusCode: number; body: string }, what: string) => {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body || '{}');
};

/** Makes one of everything in a new workspace, every name carrying `marker`. */
async function fill(marker: string): Promise<World> {
  const { slug } = await newWorkspace(t);
  const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
  const post = async (url: string, body: unknown) => ok(await admin.post(url, body), `POST ${url}`);
  const level = await post('access-levels', { name: `${marker} level`, permissions: ['tickets.reply'] });
  const dept = await post('departments', { name: `${marker} dept` });
  const agent = await makeUser(t, admin, slug, {
    role: 'agent',
    username: `${marker.toLowerCase()}-agent`,
    name: `${marker} agent`,
    departmentIds: [dept.id],
    accessLevelId: level.id,
  });
  const group = await post('groups', { kind: 'agent', name: `${marker} group`, memberIds: [agent.id] });
  const token = await post('api-tokens', { name: `${marker} token` });
  const ticketType = await post('ticket-types', { name: `${marker} type` });
  const tag = await post('tags', { name: `${marker.toLowerCase()}-tag` });
  const orgUnit = await post('org-units', { name: `${marker} unit` });
  const directory = await post('directories', {
    name: `${marker} directory`,
    url: 'ldap://127.0.0.1:1',
    bindDn: 'cn=reader,dc=example,dc=org',
    bindPassword: 'secret-password',
    baseDn: 'dc=example,dc=org',
  });
  const calendar = await post('calendars', {
    name: `${marker} calendar`,
    timezone: 'Asia/Tehran',
    week: { sat: [['08:00', '16:00']], sun: [], mon: [], tue: [], wed: [], thu: [], fri: [] },
    holidays: [],
  });
  const desk = await post('desks', {
    key: marker.slice(0, 6).toUpperCase(),
    name: `${marker} desk`,
    departmentId: dept.id,
    visible: true,
  });
  const requestType = await post(`desks/${desk.id}/request-types`, {
    name: `${marker} request type`,
    defaultPriority: 'medium',
    fields: [],
    workflow: {
      initial: 'new',
      statuses: [
        { key: 'new', name: 'new', customerLabel: '', category: 'open' },
        { key: 'done', name: 'done', customerLabel: '', category: 'open' },
      ],
      transitions: [{ id: 'finish', name: 'finish', from: ['new'], to: 'done', who: 'requester' }],
    },
  });
  const sla = await post('sla-policies', {
    name: `${marker} sla`,
    position: 0,
    conditions: {},
    targets: { firstResponse: 60, nextResponse: 120, resolution: 960 },
  });
  const mailbox = await post('mailboxes', {
    departmentId: dept.id,
    address: `box@${marker.toLowerCase()}.test`,
    displayName: `${marker} box`,
    outbound: { host: `smtp.${marker.toLowerCase()}.test`, auth: false },
  });
  const file = multipart('note.png', png(4, 4), 'image/png');
  const upload = ok(await admin.post('uploads', file.payload, { headers: file.headers }), 'upload');
  const ticket = await post('tickets', {
    subject: `${marker} ticket`,
    body: `<p>${marker} body</p>`,
    departmentId: dept.id,
    attachmentIds: [upload.id],
  });
  // K9: a second ticket linked with the first (DELETE …/links/{otherNumber}).
  const linked = await post('tickets', {
    subject: `${marker} linked`,
    body: `<p>${marker}</p>`,
    departmentId: dept.id,
  });
  await post(`tickets/${ticket.number}/links`, { number: linked.number, kind: 'related' });
  const messages = ok(await admin.get(`tickets/${ticket.number}/messages`), 'messages');
  const message = messages.items[0];
  const attachmentId: string = message.attachments?.[0]?.id ?? upload.id;
  const kbFile = multipart('kb.png', png(4, 4), 'image/png');
  const kbImage = ok(await admin.post('kb/images', kbFile.payload, { headers: kbFile.headers }), 'kb image');
  const kbGroup = await post('kb/groups', {
    name: `${marker} kb group`,
    parentId: null,
    kb: true,
    position: 0,
    visible: true,
  });
  const article = await post('kb/articles', {
    groupId: kbGroup.id,
    title: `${marker} article`,
    body: `<p>${marker} article body</p>`,
    summary: `${marker} summary`,
    keywords: [marker],
    locale: 'en',
    visible: true,
    internal: false,
  });
  const push = await post('me/push-subscriptions', {
    endpoint: `https://push.example.org/${marker}`,
    keys: {
      p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
      auth: 'tBHItJI5svbpez7KI4CCXg',
    },
  });
  const canned = await post('canned-responses', {
    title: `${marker} canned`,
    body: `<p>${marker} canned</p>`,
    shortcut: marker.toLowerCase(),
    shared: true,
  });
  // A public address literal: saving checks the host (https, no private network) without a DNS lookup.
  const webhook = await post('webhooks', {
    url: `https://93.184.215.14/${marker}`,
    events: ['ticket.created'],
    description: `${marker} webhook`,
  });
  // K7: a trigger (inactive: nothing runs in the probe's workspaces).
  const trigger = await post('triggers', {
    name: `${marker} trigger`,
    active: false,
    event: 'ticket.created',
    conditions: [{ field: 'subject', op: 'contains', value: marker }],
    actions: [{ kind: 'add_note', text: `${marker} note` }],
  });
  // K5: the ticket's satisfaction survey, its link's token known here (the job keeps only the hash).
  const csatToken = randomToken(32);
  await t.deps.database.executeSql(
    `insert into csat_surveys (workspace_id, ticket_id, token_hash, sent_at)
      select t.workspace_id, t.id, $1, now() from tickets t join workspaces w on w.id = t.workspace_id
      where w.slug = $2 and t.number = $3`,
    [sha256(csatToken), slug, ticket.number],
  );
  await admin.patch('settings', { title: `${marker} title`, announcement: `${marker} announcement` });

  const byPrefix: [RegExp, Record<string, string>][] = [
    [/^\/users\//, { id: agent.id }],
    [/^\/access-levels\//, { id: level.id }],
    [/^\/groups\//, { id: group.id }],
    [/^\/api-tokens\//, { id: token.id }],
    [/^\/departments\//, { id: dept.id }],
    [/^\/directories\//, { id: directory.id }],
    [/^\/calendars\//, { id: calendar.id }],
    [/^\/desks\//, { id: desk.id }],
    [/^\/request-types\//, { id: requestType.id }],
    [/^\/sla-policies\//, { id: sla.id }],
    [/^\/ticket-types\//, { id: ticketType.id }],
    [/^\/tags\//, { id: tag.id }],
    [/^\/org-units\//, { id: orgUnit.id }],
    [/^\/mailboxes\//, { id: mailbox.id, entryId: '1' }],
    [/^\/tickets\/\{number\}\/transitions/, { number: String(ticket.number), transitionId: 'finish' }],
    [/^\/tickets\/\{number\}\/links\//, { number: String(ticket.number), otherNumber: String(linked.number) }],
    [/^\/tickets\//, { number: String(ticket.number), id: message.id }],
    [/^\/attachments\//, { id: attachmentId }],
    [/^\/public\/tickets\//, { number: String(ticket.number), id: attachmentId }],
    [/^\/kb\/groups\//, { id: kbGroup.id }],
    [/^\/kb\/articles\//, { id: article.id }],
    [/^\/public\/kb\/articles\//, { slug: article.slug }],
    [/^\/public\/kb\/images\//, { id: kbImage.id }],
    [/^\/me\/push-subscriptions\//, { id: push.id }],
    [/^\/public\/csat\//, { token: csatToken }],
    [/^\/canned-responses\//, { id: canned.id }],
    [/^\/webhooks\//, { id: webhook.id, deliveryId: '1' }],
    [/^\/triggers\//, { id: trigger.id }],
  ];
  const params = new Map<string, Record<string, string>>();
  for (const path of Object.keys(spec.paths)) {
    if (!path.includes('{')) continue;
    const rel = path.replace('/api/v1', '');
    const hit = byPrefix.find(([re]) => re.test(rel));
    if (hit) params.set(path, hit[1]);
  }
  return { slug, admin, params, marker };
}

/** A body that passes validation where it can, so that the probe reaches the lookup. */
const BODIES: Record<string, unknown> = {
  PATCH: { name: 'hijack', displayName: 'hijack', title: 'hijack', subject: 'hijack', active: true },
  POST: {},
};

beforeAll(async () => {
  // Cloud mode, so that the plan, subscription and payment routes are probed too.
  t = await createTestApp('postgres', { CLOUD: 'true', ZARINPAL_MERCHANT_ID: 'isolation-test' });
  A = await fill('ZZALPHA');
  B = await fill('ZZBRAVO');
  const c = await newWorkspace(t);
  C = { slug: c.slug, admin: await signIn(t, c.slug, 'admin', ADMIN_PASSWORD) };
}, 120_000);
afterAll(() => t?.close());

/** The platform operator's routes act on every workspace by design; they are checked apart. */
const isOperator = (path: string) => path.startsWith('/api/v1/operator/');

const operations = () =>
  Object.entries(spec.paths).flatMap(([path, ops]) =>
    METHODS.filter((m) => ops[m]).map((m) => ({ method: m.toUpperCase(), path })),
  );

const fillPath = (path: string, values: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(values[name]);
  });

/** The same path with every id replaced by one that exists nowhere. */
const missingPath = (path: string, values: Record<string, string>) =>
  fillPath(
    path,
    Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        k,
        k === 'slug' ? 'no-such-article-zz' : k === 'transitionId' ? v : '987654321',
      ]),
    ),
  );

describe('three workspaces, every endpoint', () => {
  it('every operation with an id in its path is covered by this test', () => {
    const uncovered = operations()
      .filter((o) => o.path.includes('{') && !isOperator(o.path))
      .filter((o) => !A.params.has(o.path));
    expect(uncovered).toEqual([]);
  });

  it('the operator’s routes (every workspace at once) refuse a workspace’s admin and its tokens', async () => {
    const ops = operations().filter((o) => isOperator(o.path) && !/\/operator\/(login|logout)$/.test(o.path));
    for (const { method, path } of ops) {
      const url = fillPath(path, { id: '1' });
      for (const caller of [C.admin, A.admin]) {
        const res = await caller.req(method as never, url, BODIES[method]);
        expect([401, 404], `${method} ${path}`).toContain(res.statusCode);
        expect(res.body).not.toMatch(/ZZALPHA|ZZBRAVO/);
      }
    }
  });

  it('from C, A’s and B’s ids answer exactly as ids that exist nowhere', async () => {
    const checked: string[] = [];
    for (const { method, path } of operations().filter((o) => o.path.includes('{') && !isOperator(o.path))) {
      for (const owner of [A, B]) {
        const values = owner.params.get(path)!;
        const caller = path.startsWith('/api/v1/public/') ? new Client(t, { slug: C.slug }) : C.admin;
        const body = BODIES[method];
        const foreign = await caller.req(method as never, fillPath(path, values), body);
        const missing = await caller.req(method as never, missingPath(path, values), body);
        const what = `${method} ${path} (${owner.marker})`;
        expect(foreign.statusCode, what).toBeGreaterThanOrEqual(400);
        expect(foreign.statusCode, what).toBe(missing.statusCode);
        expect(foreign.body, what).toBe(missing.body);
        expect(foreign.body, what).not.toContain(owner.marker);
        checked.push(what);
      }
    }
    expect(checked.length).toBeGreaterThan(100);
    // A and B still have everything, unchanged.
    for (const owner of [A, B]) {
      const dept = owner.params.get('/api/v1/departments/{id}')!.id;
      expect((await owner.admin.get(`departments/${dept}`)).json().name).toBe(`${owner.marker} dept`);
      const number = owner.params.get('/api/v1/tickets/{number}')!.number;
      const ticket = await owner.admin.get(`tickets/${number}`);
      expect(ticket.statusCode).toBe(200);
      expect(ticket.json().subject).toBe(`${owner.marker} ticket`);
      const user = owner.params.get('/api/v1/users/{id}')!.id;
      expect((await owner.admin.get(`users/${user}`)).json().active).toBe(true);
    }
  });

  it('no list or read without an id shows C anything of A or B, searched for or not', async () => {
    // The live stream never ends; it is scoped by the same session (live-events.test.ts).
    const gets = operations().filter(
      (o) => o.method === 'GET' && !o.path.includes('{') && o.path !== '/api/v1/events/stream',
    );
    const guest = new Client(t, { slug: C.slug });
    let answered = 0;
    for (const { path } of gets) {
      const rel = path.replace('/api/v1/', '');
      for (const caller of [C.admin, guest]) {
        for (const query of ['', '?q=ZZALPHA', '?q=ZZBRAVO&pageSize=100']) {
          const res = await caller.get(`${rel}${query}`);
          const what = `GET ${path}${query}`;
          expect(res.statusCode, what).toBeLessThan(500);
          expect(res.body, what).not.toContain('ZZALPHA');
          expect(res.body, what).not.toContain('ZZBRAVO');
          if (res.statusCode === 200) answered++;
        }
      }
    }
    expect(answered).toBeGreaterThan(50);
    // And A sees its own, so the marker would have shown had it leaked.
    expect((await A.admin.get('tickets?q=ZZALPHA')).body).toContain('ZZALPHA');
  }, 120_000);
});
