import { defineJob, type JobDefinition } from '../../platform/jobs';
import { cleanup } from './cleanup.job';

export const CLEANUP_QUEUE = 'maintenance.cleanup';

/** Hourly cleanup of expired sessions, tokens, rate-limit windows and orphaned files. */
// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const workspacesJobs = (): JobDefinition[] => [
  defineJob({
    queue: CLEANUP_QUEUE,
    handler: (deps) => async () => {
      await cleanup(deps);
    },
    schedule: '17 * * * *',
    // Hourly, and may take minutes on a large install; the next hour's run picks up what is left.
    queueOptions: { expireInSeconds: 600 },
  }),
];
