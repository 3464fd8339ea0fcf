/** Public surface of the workspaces module. */
export { bootstrap, type BootstrapResult } from './bootstrap';
export { createWorkspace, type NewWorkspace } from './create-workspace';
export { workspacesJobs } from './jobs';
export { DEMO_PASSWORD } from './demo-data';
/** Where a workspace is reached in a browser (links in SMS and mail, the payment's return). */
export { siteOf, workspaceUrl } from './workspace-url';
