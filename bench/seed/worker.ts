import { Worker } from 'node:worker_threads';
import type { WorkerInput } from './generate-worker';
import type { ChunkData } from './tickets';

/** The generator thread's chunks, in order; each is acknowledged once the caller has written it. */
export async function* generatedChunks(input: Omit<WorkerInput, 'entry'>): AsyncGenerator<ChunkData> {
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
    workerData: { ...input, entry: './generate-worker.ts' },
  });
  const queue: ChunkData[] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  worker.on('message', (m: ChunkData | { done: true }) => {
    if ('done' in m) done = true;
    else queue.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    failure = err;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (!done && !failure) failure = new Error(`the generator thread stopped (exit code ${code})`);
    wake?.();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        worker.postMessage('next');
      } else if (failure) throw failure;
      else if (done) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}
