import { parentPort, workerData } from 'node:worker_threads';
import type { World } from '../seed/people';
import { Forms, type FormsSnapshot } from '../seed/search-vector';
import { TicketGenerator, type ChunkData, type Sample } from '../seed/tickets';
import { TextGenerator } from '../seed/words';
import { JoinedVectorBuilder } from '../seed/joined-vector';

export interface TenantsWorkerInput {
  entry: string;
  worlds: World[];
  forms: FormsSnapshot;
  /** Seeds the tickets' random stream of workspace k with seedOf(k) (seed.ts). */
  seeds: number[];
  tickets: number;
  start: number;
  now: number;
  /** Ticket ids of workspace k are ticketBases[k] + number. */
  ticketBases: number[];
  /** Message ids follow it, batch after batch. */
  messageBase: number;
  /** Tickets of one workspace written in a row before the next workspace's. */
  slice: number;
  /** Workspaces per batch (one COPY per table). */
  group: number;
  /** One workspace in so many has tickets verified against the application's SQL. */
  sampleStride: number;
  ahead: number;
}

/** One batch's COPY data: a slice of tickets of each workspace of a group. */
export interface TenantsBatch {
  round: number;
  rounds: number;
  tickets: Uint8Array | null;
  messages: Uint8Array | null;
  files: Uint8Array | null;
  participants: Uint8Array | null;
  counts: { tickets: number; messages: number; notes: number; files: number; participants: number };
  samples: Sample[];
}

const HEADER = 19; // PGCOPY signature, flags, extension length
const TRAILER = 2; // int16 -1

/** Several binary COPY streams as one: the first header, every stream's rows, one trailer. */
function concatCopy(parts: (Uint8Array | null)[]): Uint8Array | null {
  const present = parts.filter((p): p is Uint8Array => p !== null);
  if (!present.length) return null;
  const size = present.reduce((n, p) => n + p.length - HEADER - TRAILER, HEADER + TRAILER);
  const out = new Uint8Array(size);
  out.set(present[0].subarray(0, HEADER), 0);
  let o = HEADER;
  for (const p of present) {
    out.set(p.subarray(HEADER, p.length - TRAILER), o);
    o += p.length - HEADER - TRAILER;
  }
  out.set([0xff, 0xff], o);
  return out;
}

/**
 * Generates every workspace's tickets with the single-workspace seed's TicketGenerator, but
 * interleaved: a slice of workspace 1's tickets, then of workspace 2's, … then the next slice
 * of each. Workspaces' tickets are then mixed in the heap as in a shared production database
 * (where they arrive over the same two years), instead of each tenant on pages of its own —
 * which would flatter the many-tenant figures.
 */
async function run(input: TenantsWorkerInput) {
  const port = parentPort!;
  const forms = Forms.from(input.forms);
  const text = new TextGenerator(forms);
  if (forms.keys.length !== input.forms.keys.length)
    throw new Error('the word lists changed after the forms were resolved');
  // A TicketGenerator's vector builders take ~2 × 256 positions × lexemes of memory and are
  // reset after every ticket: all generators share one pair (they never run at the same time),
  // which also add search_joins() (seed/joined-vector.ts).
  const shared = { pub: new JoinedVectorBuilder(forms), notes: new JoinedVectorBuilder(forms) };
  const generators = input.worlds.map((world, k) => {
    const gen = new TicketGenerator(world, text, {
      seed: input.seeds[k],
      total: input.tickets,
      start: input.start,
      now: input.now,
      ticketBase: input.ticketBases[k],
      messageBase: 0,
      sampleEvery: k % input.sampleStride === 0 ? 97 : Number.MAX_SAFE_INTEGER,
    });
    Object.assign(gen, shared);
    return gen;
  });
  let nextMessage = input.messageBase;
  let credits = input.ahead;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits++;
    wake?.();
  });
  const rounds = Math.ceil(input.tickets / input.slice) * Math.ceil(generators.length / input.group);
  let round = 0;
  for (let from = 0; from < input.tickets; from += input.slice) {
    const to = Math.min(input.tickets, from + input.slice);
    for (let g = 0; g < generators.length; g += input.group) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      const chunks: ChunkData[] = [];
      for (const gen of generators.slice(g, g + input.group)) {
        // The generator numbers messages from its own counter; here ids run across workspaces.
        (gen as unknown as { nextMessageId: number }).nextMessageId = nextMessage + 1;
        const c = gen.chunk(from, to);
        nextMessage += c.counts.messages;
        chunks.push(c);
      }
      const batch: TenantsBatch = {
        round: ++round,
        rounds,
        tickets: concatCopy(chunks.map((c) => c.tickets)),
        messages: concatCopy(chunks.map((c) => c.messages)),
        files: concatCopy(chunks.map((c) => c.files)),
        participants: concatCopy(chunks.map((c) => c.participants)),
        counts: {
          tickets: chunks.length * (to - from),
          messages: chunks.reduce((n, c) => n + c.counts.messages, 0),
          notes: chunks.reduce((n, c) => n + c.counts.notes, 0),
          files: chunks.reduce((n, c) => n + c.counts.files, 0),
          participants: chunks.reduce((n, c) => n + c.counts.participants, 0),
        },
        samples: chunks.flatMap((c) => c.samples),
      };
      const buffers = [batch.tickets, batch.messages, batch.files, batch.participants]
        .filter((b) => b !== null)
        .map((b) => b.buffer as ArrayBuffer);
      port.postMessage(batch, buffers);
    }
  }
  port.postMessage({ done: true });
  port.removeAllListeners('message'); // lets the thread end
}

await run(workerData as TenantsWorkerInput);
