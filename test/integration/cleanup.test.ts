import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '../../src/server/modules/workspaces/cleanup.job';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { multipart, png } from '../helpers/images';
import { openTicket, ticketWorld } from '../helpers/tickets';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const keyOf = async (id: string) =>
  (
    await t.deps.database.executeSql<{ storage_key: string }>('select storage_key from files where id = $1', [
      Number(id),
    ])
  ).rows[0]?.storage_key;

describe('hourly cleanup', () => {
  it('removes uploads never attached and replaced avatars after a day, and keeps what is in use', async () => {
    // The database is shared with other test files running now: living in 2001 keeps this
    // test's "a day later" from reaching their fresh uploads.
    t.clock.set(new Date('2001-03-01T08:00:00Z'));
    const w = await ticketWorld(t);
    const up = async () => {
      const f = multipart('a.png', png(), 'image/png');
      return (await w.alice.client.post('uploads', f.payload, { headers: f.headers })).json().id as string;
    };
    const used = await up();
    const unused = await up();
    await openTicket(w.alice.client, { departmentId: w.support.id, attachmentIds: [used] });
    const av1 = multipart('me.png', png(), 'image/png');
    await w.agent.client.post('me/avatar', av1.payload, { headers: av1.headers });
    const oldAvatar = (
      await t.deps.database.executeSql<{ avatar_file_id: number }>('select avatar_file_id from users where id = $1', [
        Number(w.agent.id),
      ])
    ).rows[0].avatar_file_id;
    const av2 = multipart('me2.png', png(3, 3), 'image/png');
    await w.agent.client.post('me/avatar', av2.payload, { headers: av2.headers });
    const unusedKey = (await keyOf(unused))!;
    const files = join(t.deps.config.dataDir, 'files');
    expect(existsSync(join(files, unusedKey))).toBe(true);

    await cleanup(t.deps); // too young: nothing goes
    expect(await keyOf(unused)).toBe(unusedKey);
    t.clock.advance(25 * 3600 * 1000);
    await cleanup(t.deps);
    expect(await keyOf(unused)).toBeUndefined();
    expect(existsSync(join(files, unusedKey))).toBe(false);
    expect(await keyOf(String(oldAvatar))).toBeUndefined();
    expect(await keyOf(used)).toBeDefined();
    expect((await w.admin.get((await w.agent.client.get('auth/me')).json().user.avatarUrl)).statusCode).toBe(200);
  });
});
