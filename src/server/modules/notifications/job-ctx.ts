/** The context a notification job acts in (the platform's job context). */
export { jobCtx } from '../../platform/job-ctx';
