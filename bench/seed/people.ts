import { normalizeText } from '../../src/contracts/text';
import { hashPassword } from '../../src/server/platform/crypto';
import { CopyWriter } from './copy-writer';
import type { Forms } from './search-vector';
import { signatureHtml, type Lang } from './words';
import {
  DEPARTMENTS,
  DOMAINS,
  EN_FIRST,
  EN_LAST,
  FA_FIRST,
  FA_LAST,
  INTERNAL_DEPARTMENT,
  MOBILE_PREFIXES,
  TAGS,
  TICKET_TYPES,
} from './names';
import { Rng, Weighted } from './random';
import { reserveIds, type Sink } from './sink';

/** The password of every generated agent and customer (the admin's is printed apart). */
export const USER_PASSWORD = 'bench-user-1';

export interface Person {
  id: number;
  name: string;
  email: string | null;
  lang: Lang;
}
export interface Agent extends Person {
  departments: number[];
  /** The block appended to replies, and its search forms. */
  signature: { html: Uint8Array; forms: number[] };
}

/** Everything tickets refer to: ids of departments, people, tags and types. */
export interface World {
  workspaceId: number;
  adminId: number;
  departmentIds: number[];
  /** How busy each department is (the internal one takes only internal tickets). */
  departmentWeights: number[];
  agents: Agent[];
  agentsByDepartment: number[][];
  customers: Person[];
  tagIds: number[];
  typeIds: number[];
}

const DAY = 86_400_000;

async function insertReturning(sink: Sink, table: string, columns: string[], rows: unknown[][]): Promise<number[]> {
  const params: unknown[] = [];
  const values = rows.map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
  const out = await sink.query<{ id: string }>(
    `insert into ${table} (${columns.join(', ')}) values ${values.join(', ')} returning id`,
    params,
  );
  return out.map((r) => Number(r.id));
}

export async function seedPeople(
  sink: Sink,
  forms: Forms,
  opts: {
    seed: number;
    workspaceId: number;
    adminId: number;
    customers: number;
    start: number;
    /** Agents (200 unless given; at least 19, one per public department). */
    agents?: number;
    /** USER_PASSWORD's hash, when many workspaces share one (scrypt costs ~0.1 s each). */
    passwordHash?: string;
  },
): Promise<World> {
  const rng = new Rng(opts.seed, 'people');
  const ws = opts.workspaceId;
  const created = opts.start;
  const hash = opts.passwordHash ?? (await hashPassword(USER_PASSWORD));
  const agentCount = opts.agents ?? 200;
  if (agentCount < 19) throw new Error('seedPeople: at least 19 agents (one per public department)');

  const [seniorLevel, basicLevel] = await insertReturning(
    sink,
    'access_levels',
    ['workspace_id', 'name', 'description', 'permissions'],
    [
      [
        ws,
        // Not the names of the levels every new workspace already has (default-levels.ts).
        'کارشناس ارشد (بار آزمون)',
        'همه‌ی بخش‌ها',
        '{tickets.view_all,tickets.create,tickets.reply,tickets.note,tickets.edit,tickets.assign,tickets.transfer,tickets.delete,tickets.bulk,tickets.view_logs,customers.manage,reports.view}',
      ],
      [
        ws,
        'کارشناس (بار آزمون)',
        'بخش‌های خود',
        '{tickets.create,tickets.reply,tickets.note,tickets.edit,tickets.assign,tickets.view_logs}',
      ],
    ],
  );

  // Agents: 200 by default, three in every department first (one each with fewer than 57), the
  // rest where the work is; a quarter in a second department; one in ten a senior with
  // tickets.view_all (and the internal department).
  const depWeights = DEPARTMENTS.map((_, i) => (i === INTERNAL_DEPARTMENT ? 0 : 1 / Math.pow(i + 1, 0.8)));
  const departmentFreq = new Weighted(depWeights);
  const agentBase = await reserveIds(sink, 'users', agentCount);
  const agents: Agent[] = [];
  const agentRows = new CopyWriter();
  for (let i = 0; i < agentCount; i++) {
    const [fa] = rng.pick(FA_FIRST);
    const [faLast] = rng.pick(FA_LAST);
    const name = `${fa} ${faLast}`;
    const senior = i % 10 === 0;
    const primary = i < 57 ? i % 19 : departmentFreq.index(rng);
    const deps = [primary];
    if (rng.chance(0.25)) {
      const second = departmentFreq.index(rng);
      if (second !== primary) deps.push(second);
    }
    if (senior) deps.push(INTERNAL_DEPARTMENT);
    const sig = `با احترام،\n${name}`;
    const id = agentBase + 1 + i;
    const email = `agent${i + 1}@bench.pishkhan.local`;
    agents.push({
      id,
      name,
      email,
      lang: 'fa',
      departments: deps,
      signature: { html: signatureHtml(sig), forms: forms.idsOf(normalizeText(sig)) },
    });
    agentRows
      .row(13)
      .int8(id)
      .int8(ws)
      .text('agent')
      .text(`agent${i + 1}`)
      .text(email)
      .null()
      .text(name)
      .text(hash);
    agentRows
      .int8(senior ? seniorLevel : basicLevel)
      .text(sig)
      .text('fa')
      .time(created)
      .time(created);
  }
  const userColumns = [
    'id',
    'workspace_id',
    'role',
    'username',
    'email',
    'mobile',
    'name',
    'password_hash',
    'access_level_id',
    'signature',
    'locale',
    'created_at',
    'updated_at',
  ];
  await sink.copy('users', userColumns, agentRows.finish());

  const departmentIds = await insertReturning(
    sink,
    'departments',
    ['workspace_id', 'name', 'description', 'usage', 'visible', 'manager_id'],
    DEPARTMENTS.map((name, i) => [
      ws,
      name,
      '',
      i === INTERNAL_DEPARTMENT ? 'internal' : i % 7 === 6 ? 'members' : 'all',
      i !== INTERNAL_DEPARTMENT,
      agents[((i % 20) * 10) % agents.length].id,
    ]),
  );
  const agentsByDepartment: number[][] = DEPARTMENTS.map(() => []);
  agents.forEach((a, i) => a.departments.forEach((d) => agentsByDepartment[d].push(i)));
  const members = new CopyWriter();
  for (const a of agents) for (const d of a.departments) members.row(3).int8(ws).int8(departmentIds[d]).int8(a.id);
  await sink.copy('department_agents', ['workspace_id', 'department_id', 'user_id'], members.finish());

  // Customers: unique usernames, e-mails (nine in ten) and mobiles (four in five).
  const customerBase = await reserveIds(sink, 'users', opts.customers);
  const customers: Person[] = [];
  const rows = new CopyWriter(opts.customers * 200);
  for (let i = 0; i < opts.customers; i++) {
    const persian = rng.chance(0.85);
    const [first, firstLatin] = persian ? rng.pick(FA_FIRST) : ([rng.pick(EN_FIRST), ''] as const);
    const [last, lastLatin] = persian ? rng.pick(FA_LAST) : ([rng.pick(EN_LAST), ''] as const);
    const latin = persian ? `${firstLatin}.${lastLatin}` : `${first}.${last}`;
    const name = persian
      ? `${first} ${last}`
      : `${first[0].toUpperCase()}${first.slice(1)} ${last[0].toUpperCase()}${last.slice(1)}`;
    const username = `${latin}${i + 1}`;
    const email = rng.chance(0.9) ? `${latin}${i + 1}@${rng.pick(DOMAINS)}` : null;
    const mobile = rng.chance(0.8)
      ? `${MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]}${String((i * 7919 + 1_234_567) % 10_000_000).padStart(7, '0')}`
      : null;
    const id = customerBase + 1 + i;
    const lang: Lang = persian ? 'fa' : 'en';
    customers.push({ id, name, email, lang });
    const at = Math.round(opts.start - rng.exp(200) * DAY);
    rows
      .row(13)
      .int8(id)
      .int8(ws)
      .text('customer')
      .text(username)
      .text(email)
      .text(mobile)
      .text(name)
      .text(hash)
      .null()
      .text('')
      .text(lang)
      .time(at)
      .time(at);
  }
  await sink.copy('users', userColumns, rows.finish());

  const tagIds = await insertReturning(
    sink,
    'tags',
    ['workspace_id', 'name'],
    TAGS.map((t) => [ws, t]),
  );
  const typeIds = await insertReturning(
    sink,
    'ticket_types',
    ['workspace_id', 'name', 'position'],
    TICKET_TYPES.map((t, i) => [ws, t, i]),
  );
  return {
    workspaceId: ws,
    adminId: opts.adminId,
    departmentIds,
    departmentWeights: depWeights,
    agents,
    agentsByDepartment,
    customers,
    tagIds,
    typeIds,
  };
}
