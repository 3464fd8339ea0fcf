/** The workspace-host address that turns a sign-up's handoff token into a session cookie. */
export const HANDOFF_PATH = '/api/v1/public/signup/handoff';
