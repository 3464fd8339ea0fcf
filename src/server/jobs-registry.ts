import type { AppDeps } from './platform/context';
import type { JobDefinition, QueueSpec } from './platform/jobs';
import { authJobs } from './modules/auth';
import { automationJobs } from './modules/automation';
import { reportsJobs } from './modules/reports';
import { billingJobs } from './modules/billing';
import { catalogueJobs } from './modules/catalogue';
import { csatJobs } from './modules/csat';
import { cloudJobs } from './modules/cloud';
import { cloudSignupJobs } from './modules/cloud-signup';
import { slaJobs } from './modules/sla';
import { mailJobs } from './modules/mail';
import { directoriesJobs } from './modules/directories';
import { notificationsJobs } from './modules/notifications';
import { peopleJobs } from './modules/people';
import { ticketsJobs } from './modules/tickets';
import { workspacesJobs } from './modules/workspaces';
import { webhooksJobs } from './modules/webhooks';

/** Every job of every module: the composition root of the background work. */
export const JOBS: readonly JobDefinition[] = [
  ...authJobs(),
  ...workspacesJobs(),
  ...ticketsJobs(),
  ...mailJobs(),
  ...directoriesJobs(),
  ...peopleJobs(),
  ...notificationsJobs(),
  ...billingJobs(),
  ...catalogueJobs(),
  ...slaJobs(),
  ...csatJobs(),
  ...cloudJobs(),
  ...cloudSignupJobs(),
  ...webhooksJobs(),
  ...automationJobs(),
  ...reportsJobs(),
];

/** The queues created (or updated) at start, with their settings; `jobs.send` refuses any other. */
export const JOB_QUEUES: readonly QueueSpec[] = JOBS.map((j) => ({ ...j.queueOptions, name: j.queue }));

/** The registered queue names. */
export const JOB_QUEUE_NAMES: readonly string[] = JOBS.map((j) => j.queue);

/**
 * Registers the handlers and schedules of `defs` (all jobs unless given). Runs in any process
 * started with WORKER=true; schedules are in the Asia/Tehran time zone.
 */
export async function startWorker(deps: AppDeps, defs: readonly JobDefinition[] = JOBS) {
  for (const def of defs) {
    if (def.prepare) await def.prepare(deps);
    await deps.jobs.work(def.queue, def.handler(deps), def.options);
    if (def.schedule) await deps.jobs.schedule(def.queue, def.schedule);
  }
}
