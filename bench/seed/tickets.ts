import { normalizeText } from '../../src/contracts/text';
import { INTERNAL_DEPARTMENT, ATTACHMENTS, DOMAINS, EN_FIRST, EN_LAST, FA_FIRST, FA_LAST } from './names';
import type { Agent, Person, World } from './people';
import { choose, Rng, Weighted } from './random';
import { CopyWriter } from './copy-writer';
import { JoinedVectorBuilder } from './joined-vector';
import type { VectorBuilder } from './search-vector';
import { Bytes, type Lang, type TextGenerator } from './words';
import { conversation, type Side } from './conversation';

export const TICKET_COLUMNS = [
  'id',
  'workspace_id',
  'number',
  'subject',
  'department_id',
  'type_id',
  'priority',
  'status',
  'requester_id',
  'guest_name',
  'guest_email',
  'tracking_hash',
  'created_by_id',
  'internal',
  'pinned',
  'assignee_ids',
  'tag_ids',
  'message_count',
  'note_count',
  'waiting_since',
  'last_message_at',
  'last_agent_reply_at',
  'last_customer_reply_at',
  'status_changed_at',
  'requester_email',
  'subject_norm',
  'created_at',
  'updated_at',
  'closed_at',
  'deleted_at',
  'deleted_by_id',
  'search_public',
  'search_notes',
];
export const MESSAGE_COLUMNS = [
  'id',
  'workspace_id',
  'ticket_id',
  'kind',
  'author_id',
  'author_kind',
  'author_name',
  'body_html',
  'direction',
  'created_at',
];
export const FILE_COLUMNS = [
  'workspace_id',
  'storage_key',
  'name',
  'size',
  'content_type',
  'sha256',
  'purpose',
  'ticket_id',
  'message_id',
  'created_by',
  'created_at',
];
export const PARTICIPANT_COLUMNS = ['workspace_id', 'ticket_id', 'user_id', 'kind', 'notify', 'created_at'];

interface PendingFile {
  key: string;
  name: string;
  size: number;
  type: string;
  sha: string;
}

/** A message waiting for its id: ids follow creation time within a chunk, as they would in production. */
interface PendingMessage {
  seq: number;
  at: number;
  ticketId: number;
  note: boolean;
  authorId: number | null;
  authorKind: string;
  authorName: string;
  /** The body: bytes from..to of the chunk's Bytes. */
  from: number;
  to: number;
  direction: string;
  files: PendingFile[];
}

/** A ticket whose vectors the loader recomputes with the application's SQL. */
export interface Sample {
  id: number;
  publicSegments: string[];
  noteSegments: string[];
}

interface Chunk {
  bodies: Bytes;
  tickets: CopyWriter;
  messages: PendingMessage[];
  participants: CopyWriter;
  notes: number;
  samples: Sample[];
}

/** One chunk's COPY data (binary format; null when there are no rows) and counts. */
export interface ChunkData {
  to: number;
  tickets: Uint8Array | null;
  messages: Uint8Array | null;
  files: Uint8Array | null;
  participants: Uint8Array | null;
  counts: { messages: number; notes: number; files: number; participants: number };
  samples: Sample[];
}

export interface GeneratorOptions {
  seed: number;
  total: number;
  start: number;
  now: number;
  /** Ticket ids are ticketBase + number; message ids follow messageBase. */
  ticketBase: number;
  messageBase: number;
  /** Every so many tickets, one is verified against the application's SQL. */
  sampleEvery: number;
}

const data = (w: CopyWriter) => (w.rows ? w.finish() : null);

const PRIORITY = { medium: 0.55, high: 0.22, low: 0.15, urgent: 0.08 };
const DAY = 86_400_000;

function statusFor(rng: Rng, ageDays: number) {
  if (ageDays < 2) return choose(rng, { active: 0.5, pending: 0.35, closed: 0.15 });
  if (ageDays < 14) return choose(rng, { active: 0.3, pending: 0.35, closed: 0.33, locked: 0.02 });
  if (ageDays < 45) return choose(rng, { active: 0.08, pending: 0.12, closed: 0.77, locked: 0.03 });
  return choose(rng, { active: 0.006, pending: 0.01, closed: 0.959, locked: 0.025 });
}

export class TicketGenerator {
  private readonly rng: Rng;
  private readonly pub: VectorBuilder;
  private readonly notes: VectorBuilder;
  private readonly lexemePrefix: Uint8Array;
  private readonly departmentFreq: Weighted;
  private readonly tagFreq: Weighted;
  private seq = 0;
  private nextMessageId: number;

  constructor(
    private readonly world: World,
    private readonly text: TextGenerator,
    private readonly opts: GeneratorOptions,
  ) {
    this.rng = new Rng(opts.seed, 'tickets');
    this.departmentFreq = new Weighted(world.departmentWeights);
    this.tagFreq = Weighted.zipf(world.tagIds.length, 1);
    this.nextMessageId = opts.messageBase + 1;
    // The joins of search_joins() are added on this thread (joined-vector.ts), every lexeme under
    // the workspace's prefix (migration 0031): the vectors are the application's as loaded.
    this.pub = new JoinedVectorBuilder(text.forms);
    this.notes = new JoinedVectorBuilder(text.forms);
    this.lexemePrefix = Buffer.from(`${world.workspaceId}:`, 'utf8');
  }

  /** Tickets numbered from+1 … to, with their messages, attachments and participants. */
  chunk(from: number, to: number): ChunkData {
    const out: Chunk = {
      bodies: new Bytes(),
      tickets: new CopyWriter((to - from) * 2500),
      messages: [],
      participants: new CopyWriter(),
      notes: 0,
      samples: [],
    };
    for (let i = from; i < to; i++) this.ticket(i, this.opts.ticketBase + 1 + i, out);
    const { messages, files } = this.encodeMessages(out.messages, out.bodies);
    return {
      to,
      tickets: data(out.tickets),
      messages: data(messages),
      files: data(files),
      participants: data(out.participants),
      counts: { messages: messages.rows, notes: out.notes, files: files.rows, participants: out.participants.rows },
      samples: out.samples,
    };
  }

  /** Orders the chunk's messages by time and numbers them in that order, as production would. */
  private encodeMessages(pending: PendingMessage[], bodies: Bytes) {
    pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const ws = this.world.workspaceId;
    const m = new CopyWriter(pending.length * 700);
    const f = new CopyWriter();
    for (const msg of pending) {
      const id = this.nextMessageId++;
      m.row(10)
        .int8(id)
        .int8(ws)
        .int8(msg.ticketId)
        .text(msg.note ? 'note' : 'reply')
        .int8(msg.authorId)
        .text(msg.authorKind)
        .text(msg.authorName);
      m.bytes(bodies.buf, msg.from, msg.to).text(msg.direction).time(msg.at);
      for (const x of msg.files) {
        f.row(11)
          .int8(ws)
          .text(x.key)
          .text(x.name)
          .int8(x.size)
          .text(x.type)
          .text(x.sha)
          .text('attachment')
          .int8(msg.ticketId)
          .int8(id)
          .int8(msg.authorId)
          .time(msg.at);
      }
    }
    return { messages: m, files: f };
  }

  private ticket(i: number, id: number, out: Chunk) {
    const { rng, world: w, opts } = this;
    const ws = w.workspaceId;
    const span = opts.now - 600_000 - opts.start;
    // Busier lately: the density of new tickets grows linearly over the two years.
    const created = Math.round(opts.start + span * Math.sqrt((i + rng.next()) / opts.total));
    const kind = choose(rng, { customer: 0.84, guest: 0.1, staff: 0.05, internal: 0.01 });
    const internal = kind === 'internal';
    let dep = internal ? INTERNAL_DEPARTMENT : this.departmentFreq.index(rng);
    if (kind === 'guest' && dep % 7 === 6) dep = 0; // members-only departments take no guests
    const depAgents = w.agentsByDepartment[dep];
    const primary = w.agents[rng.pick(depAgents)];
    const agentOf = () => (rng.chance(0.8) ? primary : w.agents[rng.pick(depAgents)]);

    let requester: Person | null = null;
    let guest: { name: string; email: string; lang: Lang } | null = null;
    if (kind === 'customer' || kind === 'staff')
      requester = w.customers[Math.floor(w.customers.length * rng.next() ** 1.5)]; // a few customers write a lot
    else if (internal) requester = w.agents[rng.int(0, w.agents.length - 1)];
    else guest = this.guest();
    const lang: Lang = requester?.lang ?? guest!.lang;

    let status = statusFor(rng, (opts.now - created) / DAY);
    if (internal && status === 'active') status = 'pending';
    const count = rng.chance(0.005) ? rng.int(50, 120) : rng.geometric(4.6);
    const conv = conversation(rng, {
      count,
      created,
      status,
      opener: kind === 'staff' || internal ? 'a' : 'c',
      internal,
      now: opts.now,
    });
    status = conv.status;

    // Subject and messages; replies feed the public vector, notes the staff one.
    const sample: Sample | null = i % opts.sampleEvery === 0 ? { id, publicSegments: [], noteSegments: [] } : null;
    const style = this.text.style(rng, lang);
    const subj = this.text.subject(rng, style);
    this.pub.add(subj.forms);
    if (sample) {
      if (normalizeText(subj.raw) !== subj.norm) throw new Error(`subject normalised differently: ${subj.raw}`);
      sample.publicSegments.push(subj.norm);
    }
    const direction = () => (rng.chance(0.3) ? 'auto' : lang === 'fa' ? 'rtl' : 'ltr');
    const authors = new Set<Agent>();
    conv.sides.forEach((side: Side, k: number) => {
      const at = conv.times[k];
      const byRequester = side === 'c' || (k === 0 && internal);
      const agent = byRequester ? null : k === 0 ? primary : agentOf();
      if (agent && side === 'a') authors.add(agent);
      const bodyFrom = out.bodies.length;
      let forms = this.text.message(rng, style, out.bodies);
      if (agent && side === 'a' && k > 0) {
        // add-message.ts appends the agent's signature to a reply.
        out.bodies.put(agent.signature.html);
        forms = forms.concat(agent.signature.forms);
      }
      (side === 'n' ? this.notes : this.pub).add(forms);
      if (sample) {
        const html = out.bodies.text(bodyFrom, out.bodies.length);
        (side === 'n' ? sample.noteSegments : sample.publicSegments).push(this.text.sampleSegment(html, forms));
      }
      const author = agent ?? requester;
      const files: PendingFile[] = [];
      if (rng.chance(0.06)) for (let f = rng.int(1, 3); f > 0; f--) files.push(this.file(at));
      out.messages.push({
        seq: this.seq++,
        at,
        ticketId: id,
        note: side === 'n',
        authorId: author?.id ?? null,
        authorKind: agent || internal ? 'agent' : guest ? 'guest' : 'customer',
        authorName: author?.name ?? guest!.name,
        from: bodyFrom,
        to: out.bodies.length,
        direction: direction(),
        files,
      });
    });
    out.notes += conv.notes;
    if (sample) out.samples.push(sample);

    const assignees: number[] = [];
    if (authors.size || (status !== 'closed' && rng.chance(0.3)) || (internal && rng.chance(0.5))) {
      assignees.push(primary.id);
      const other = w.agents[rng.pick(depAgents)];
      if (rng.chance(0.05) && other.id !== primary.id) assignees.push(other.id);
      assignees.sort((a, b) => a - b);
    }
    const tags = new Set<number>();
    for (let t = Number(choose(rng, { 0: 0.55, 1: 0.3, 2: 0.12, 3: 0.03 })); t > 0; t--)
      tags.add(w.tagIds[this.tagFreq.index(rng)]);
    const open = status === 'active' || status === 'pending';
    const pinned = rng.chance(open ? 0.02 : 0.001);
    const deletedAt = rng.chance(0.003)
      ? Math.min(opts.now - 60_000, conv.updatedAt + Math.round(rng.exp(3 * DAY)))
      : null;
    const createdBy = kind === 'guest' ? null : kind === 'staff' ? primary.id : requester!.id;
    const email = requester?.email ?? guest?.email ?? null;
    const typeId = rng.chance(0.7) ? rng.pick(w.typeIds) : null;

    const t = out.tickets.row(TICKET_COLUMNS.length);
    t.int8(id)
      .int8(ws)
      .int4(i + 1)
      .text(subj.raw)
      .int8(w.departmentIds[dep])
      .int8(typeId)
      .text(choose(rng, PRIORITY))
      .text(status);
    t.int8(requester?.id ?? null)
      .text(guest?.name)
      .text(guest?.email)
      .text(guest ? this.hex64() : null)
      .int8(createdBy);
    t.bool(internal)
      .bool(pinned)
      .int8Array(assignees)
      .int8Array([...tags].sort((a, b) => a - b))
      .int4(conv.replies)
      .int4(conv.notes);
    t.time(conv.waitingSince)
      .time(conv.lastMessageAt)
      .time(conv.lastAgentReplyAt)
      .time(conv.lastCustomerReplyAt)
      .time(conv.statusChangedAt);
    t.text(email?.toLowerCase())
      .text(subj.norm)
      .time(created)
      .time(deletedAt ?? conv.updatedAt)
      .time(conv.closedAt)
      .time(deletedAt);
    t.int8(deletedAt ? w.adminId : null);
    this.pub.write(t, this.lexemePrefix);
    this.notes.write(t, this.lexemePrefix);

    if (rng.chance(0.03)) {
      const follower = w.agents[rng.pick(depAgents)];
      out.participants.row(6).int8(ws).int8(id).int8(follower.id).text('follower').bool(true).time(created);
    }
    if (kind === 'customer' && rng.chance(0.005)) {
      const other = w.customers[rng.int(0, w.customers.length - 1)];
      if (other.id !== requester!.id)
        out.participants.row(6).int8(ws).int8(id).int8(other.id).text('shared').bool(true).time(created);
    }
  }

  private guest() {
    const rng = this.rng;
    const persian = rng.chance(0.8);
    const [first, firstLatin] = persian ? rng.pick(FA_FIRST) : [rng.pick(EN_FIRST), ''];
    const [last, lastLatin] = persian ? rng.pick(FA_LAST) : [rng.pick(EN_LAST), ''];
    const latin = persian ? `${firstLatin}.${lastLatin}` : `${first}.${last}`;
    // create-guest-ticket.ts stores the address lower-cased, as guest_email and requester_email.
    return {
      name: `${first} ${last}`,
      email: `${latin}${rng.int(1, 99_999)}@${rng.pick(DOMAINS)}`,
      lang: (persian ? 'fa' : 'en') as Lang,
    };
  }

  /** An attachment record; the bytes do not exist (storage_key points nowhere). */
  private file(at: number): PendingFile {
    const rng = this.rng;
    const [name, type, size] = rng.pick(ATTACHMENTS);
    const d = new Date(at);
    const key = `bench/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${rng.hex8()}${rng.hex8()}`;
    return { key, name, size: Math.max(200, Math.round(rng.exp(size))), type, sha: this.hex64() };
  }

  /** 64 hex digits, like a sha256. */
  private hex64() {
    let h = '';
    for (let k = 0; k < 8; k++) h += this.rng.hex8();
    return h;
  }
}
