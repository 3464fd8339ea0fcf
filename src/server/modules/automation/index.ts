/** Public surface of the automation module (K7 triggers). */
export { triggersRoutes } from './triggers.routes';
export { triggersApiDocs, triggersApiTag } from './triggers.api-docs';
export { automationJobs } from './jobs';
export { triggersSink } from './trigger-sink';
export { TRIGGERS_RUN_QUEUE, runTriggers, type TriggersRunJob } from './run-triggers.job';
export { renderPlaceholders } from './placeholders';
