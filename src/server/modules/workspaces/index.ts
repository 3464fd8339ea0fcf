/** Public surface of the workspaces module. */
export { bootstrap, type BootstrapResult } from './bootstrap';
export { createWorkspace, type NewWorkspace } from './create-workspace';
export { workspacesJobs } from './jobs';
export { DEMO_PASSWORD } from './demo-data';
