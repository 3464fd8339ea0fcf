// Worker threads do not inherit tsx's loader; this starts one with it and runs the TypeScript
// entry named in workerData (relative to this file).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
