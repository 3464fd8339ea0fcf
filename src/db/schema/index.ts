export * from './workspaces';
export * from './people';
export * from './organisation';
export * from './system';
export * from './tickets';
export * from './mail';
export * from './idempotency';
export * from './sign-in';
