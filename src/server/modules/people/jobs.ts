import { defineJob, type JobDefinition } from '../../platform/jobs';
import { CONTACT_MAIL_QUEUE, type ContactMailJob } from './contact-change';
import { sendContactCode } from './send-contact-code.job';

/** The code that confirms a new e-mail address (a new mobile's goes through the SMS outbox). */
// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const peopleJobs = (): JobDefinition[] => [
  defineJob<ContactMailJob>({ queue: CONTACT_MAIL_QUEUE, handler: sendContactCode }),
];
