/** Public surface of the SLA module (E3): policies, the SLA of every ticket write, its timer jobs. */
export { slaRoutes } from './sla.routes';
export { slaApiDocs } from './sla.api-docs';
export { slaJobs } from './jobs';
export { queueSlaChecks, slaChanges, SLA_CHECK_QUEUE } from './sla-write';
export { queueSlaRecompute, recomputeSla } from './recompute-sla';
export { checkSla } from './check-sla';
export { computeSla, matchPolicy, type SlaFields, type SlaPolicyRule, type SlaTicket } from './compute-sla';
export { createSlaPolicy } from './write-policies';
