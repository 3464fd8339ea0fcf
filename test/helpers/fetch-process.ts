/**
 * A second process for the one-fetch-at-a-time test: it opens the same PostgreSQL database,
 * says `ready`, waits for `go` on stdin, runs one fetch of one mailbox and prints the result
 * as JSON. Env: DATABASE_URL, SECRET_KEY, DATA_DIR, MAIL_TLS_CA_FILE, WORKSPACE_ID, MAILBOX_ID.
 */
import { createInterface } from 'node:readline';
import { JOB_QUEUES } from '../../src/server/jobs-registry';
import { loadConfig } from '../../src/server/platform/config';
import { closeDeps, createDeps } from '../../src/server/platform/deps';
import { fetchMailbox } from '../../src/server/modules/mail/intake/fetch-mailbox';

// The test's Dovecot listens on 127.0.0.1.
const deps = await createDeps(loadConfig({ ALLOW_PRIVATE_NETWORK_TARGETS: 'true', ...process.env }), {
  queues: JOB_QUEUES,
});
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  const result = await fetchMailbox(deps, {
    workspaceId: Number(process.env.WORKSPACE_ID),
    mailboxId: Number(process.env.MAILBOX_ID),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  break;
}
lines.close();
await closeDeps(deps);
process.exit(0);
