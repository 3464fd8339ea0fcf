import { parentPort, workerData } from 'node:worker_threads';
import type { World } from './people';
import { Forms, type FormsSnapshot } from './search-vector';
import { TicketGenerator, type ChunkData, type GeneratorOptions } from './tickets';
import { TextGenerator } from './words';

export interface WorkerInput {
  entry: string;
  world: World;
  forms: FormsSnapshot;
  opts: GeneratorOptions;
  chunk: number;
  /** Chunks generated ahead of the one being loaded. */
  ahead: number;
}

/**
 * Generates the tickets on its own thread, so that generating (JavaScript) and loading
 * (PostgreSQL) use both cores. Each chunk's buffers are transferred, not copied; the loader
 * acknowledges a chunk when it has been written, which bounds the memory in flight.
 */
async function run(input: WorkerInput) {
  const port = parentPort!;
  const forms = Forms.from(input.forms);
  const text = new TextGenerator(forms);
  if (forms.keys.length !== input.forms.keys.length)
    throw new Error('the word lists changed after the forms were resolved');
  const gen = new TicketGenerator(input.world, text, input.opts);
  let credits = input.ahead;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits++;
    wake?.();
  });
  for (let from = 0; from < input.opts.total; from += input.chunk) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    const c: ChunkData = gen.chunk(from, Math.min(input.opts.total, from + input.chunk));
    const buffers = [c.tickets, c.messages, c.files, c.participants]
      .filter((b) => b !== null)
      .map((b) => b.buffer as ArrayBuffer);
    port.postMessage(c, buffers);
  }
  port.postMessage({ done: true });
  port.removeAllListeners('message'); // lets the thread end
}

await run(workerData as WorkerInput);
