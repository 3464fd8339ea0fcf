import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import { installSecrets } from '../../../../db/schema';
import type { AppDeps } from '../../../platform/context';
import { createSealer } from '../../../platform/crypto';

export interface VapidKeys {
  publicKey: string;
  /** Never logged, never answered: it signs every push this install sends. */
  privateKey: string;
  subject: string;
}

type Deps = Pick<AppDeps, 'config' | 'database'>;

const SECRET_NAME = 'vapid';
/** One promise per database: the first caller reads (or makes) the keys, the others wait for it. */
const cache = new WeakMap<object, Promise<VapidKeys>>();

/**
 * The install's VAPID key pair (RFC 8292), made once with the first call on a new install and kept
 * in `install_secrets` — the private key sealed with SECRET_KEY, the public key plain. Concurrent
 * first calls (several processes) may each make a pair, but only the first insert wins and every
 * caller reads that one back.
 */
export function vapidKeys(deps: Deps): Promise<VapidKeys> {
  let keys = cache.get(deps.database);
  if (!keys) {
    keys = loadOrCreate(deps);
    cache.set(deps.database, keys);
    // A failure (database away) is not remembered: the next call tries again.
    keys.catch(() => cache.delete(deps.database));
  }
  return keys;
}

async function loadOrCreate(deps: Deps): Promise<VapidKeys> {
  const sealer = createSealer(deps.config.secretKey, SECRET_NAME);
  const { db } = deps.database;
  const read = () => db.select().from(installSecrets).where(eq(installSecrets.name, SECRET_NAME));
  let [row] = await read();
  if (!row) {
    const made = webpush.generateVAPIDKeys();
    await db
      .insert(installSecrets)
      .values({ name: SECRET_NAME, sealedValue: sealer.seal(made.privateKey), publicValue: made.publicKey })
      .onConflictDoNothing();
    [row] = await read();
  }
  if (!row?.publicValue) throw new Error('install_secrets: the VAPID key pair is missing its public key');
  let privateKey: string;
  try {
    privateKey = sealer.open(row.sealedValue);
  } catch {
    // Never the sealed value or the cause: only what an operator must do.
    throw new Error('install_secrets: the VAPID private key cannot be opened; was SECRET_KEY changed?');
  }
  return { publicKey: row.publicValue, privateKey, subject: vapidSubject(deps.config) };
}

/**
 * Who push services may contact about this install: `mailto:` the address of MAIL_FROM, unless it
 * is a local one (no-reply@localhost) and PUBLIC_URL is a public https address, which is used
 * then (Apple refuses localhost subjects).
 */
export function vapidSubject(config: Pick<AppDeps['config'], 'mailFrom' | 'publicUrl'>): string {
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom.trim();
  const domain = address.split('@').pop()?.toLowerCase() ?? '';
  const localMail = !address.includes('@') || domain === 'localhost' || !domain.includes('.');
  let url: URL | null = null;
  try {
    url = new URL(config.publicUrl);
  } catch {
    url = null;
  }
  const publicHttps = url?.protocol === 'https:' && url.hostname !== 'localhost';
  if (localMail && publicHttps) return url!.origin;
  return `mailto:${address.includes('@') ? address : 'no-reply@localhost'}`;
}
