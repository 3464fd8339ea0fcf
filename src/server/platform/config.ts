import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseS3Url, type S3Config } from './s3/s3-url';

/**
 * Configuration comes from the environment only. Each variable is validated and a bad one
 * stops the process with a message that names it (see ConfigError).
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvObject = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('localhost'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DB_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(10),
  PUBLIC_READS_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1_000_000).default(600),
  LIVE_STREAMS_PER_PERSON: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1000).default(10),
  REPORT_MEMORY_MB: z.coerce.number({ error: 'must be a number' }).int().min(0).max(65_536).default(64),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_USERNAME: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, 'must be 3-32 Latin letters, digits, _ . -')
    .optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(200).optional(),
  DEMO: bool.default(true),
  WORKER: bool.default(true),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  WEB_DIR: z.string().min(1).optional(),
  MAIL_TLS_CA_FILE: z.string().min(1).optional(),
  ALLOW_PRIVATE_NETWORK_TARGETS: bool.default(false),
  // Webhooks (K10): plain http (default: only when NODE_ENV is development or test) and private targets.
  WEBHOOKS_ALLOW_HTTP: bool.optional(),
  WEBHOOKS_ALLOW_PRIVATE: bool.default(false),
  // The platform's own SMS gateway (sign-up codes, admin links, workspaces without their own).
  SMS_PROVIDER: z.enum(['kavenegar', 'smsir', 'melipayamak', 'ghasedak', 'log']).optional(),
  SMS_API_KEY: z.string().min(1).optional(),
  SMS_SENDER: z.string().min(1).optional(),
  SMS_USERNAME: z.string().min(1).optional(),
  SMS_PASSWORD: z.string().min(1).optional(),
  SMS_KAVENEGAR_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  SMS_SMSIR_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  SMS_MELIPAYAMAK_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  SMS_GHASEDAK_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  // Online payments (cloud mode): Zarinpal's gateway; a test or a proxy replaces the address.
  ZARINPAL_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://payment.zarinpal.com'),
  ZARINPAL_MERCHANT_ID: z.string().trim().min(1).optional(),
  // Cloud mode (issue 19): organisations sign up, pay for plans and are reached by host name.
  CLOUD: bool.default(false),
  CLOUD_DOMAIN: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
      'must be a domain name such as helpdesk.example',
    )
    .optional(),
  OPERATOR_USERNAME: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, 'must be 3-32 Latin letters, digits, _ . -')
    .optional(),
  OPERATOR_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(200).optional(),
  // Uploaded files in an S3-compatible bucket instead of DATA_DIR/files (several machines).
  S3_URL: z
    .string()
    .transform((value, ctx) => {
      const parsed = parseS3Url(value);
      if ('config' in parsed) return parsed.config;
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    })
    .optional(),
});
const ENV_KEYS = Object.keys(EnvObject.shape);
const EnvSchema = EnvObject.refine((e) => !!e.ADMIN_USERNAME === !!e.ADMIN_PASSWORD, {
  path: ['ADMIN_PASSWORD'],
  message: 'ADMIN_USERNAME and ADMIN_PASSWORD must be given together',
})
  .refine((e) => !!e.OPERATOR_USERNAME === !!e.OPERATOR_PASSWORD, {
    path: ['OPERATOR_PASSWORD'],
    message: 'OPERATOR_USERNAME and OPERATOR_PASSWORD must be given together',
  })
  .refine((e) => !e.CLOUD || !!e.ZARINPAL_MERCHANT_ID, {
    path: ['ZARINPAL_MERCHANT_ID'],
    message: 'is required when CLOUD=true (plans and SMS credit are paid through Zarinpal)',
  });

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  dbPoolSize: number;
  /** Live event streams one person may hold at once in one process (the next one gets 429). */
  liveStreamsPerPerson: number;
  /**
   * Memory (MiB) a process may hold report days in, for overviews added up without PostgreSQL
   * unnesting every histogram (report-day-memory.ts); 0: overviews always read PostgreSQL.
   */
  reportMemoryMb?: number;
  /** Public reads (help-centre search and suggestions) one address may make per minute, per process. */
  publicReadsPerMinute?: number;
  publicUrl: string;
  secretKey: string;
  admin?: { username: string; password: string };
  demo: boolean;
  worker: boolean;
  trustProxy: boolean;
  logLevel: string;
  smtpUrl?: string;
  mailFrom: string;
  /** The built web app (dist/web unless a test points elsewhere). */
  webDir?: string;
  /** An extra CA certificate (PEM file) trusted for mailbox servers, e.g. a private CA. */
  mailTlsCaFile?: string;
  /**
   * Whether servers an administrator enters (mailbox IMAP/POP3/SMTP, later webhooks) may be
   * loopback, private, link-local or other reserved addresses. Off: such targets are refused
   * after name lookup, so the server cannot be used to probe its own network.
   */
  allowPrivateNetworkTargets: boolean;
  /**
   * Webhooks (K10): whether their URLs may be plain http (WEBHOOKS_ALLOW_HTTP; by default only
   * when NODE_ENV is development or test) and reach private, loopback or link-local addresses
   * (WEBHOOKS_ALLOW_PRIVATE), checked when saved and again at every send.
   */
  webhooks: { allowHttp: boolean; allowPrivate: boolean };
  /** The bucket uploaded files go to (S3_URL); without it they are kept in DATA_DIR/files. */
  s3?: S3Config;
  /**
   * Cloud mode (issue 19): sign-up, plans and limits, read-only on expiry, the operator. Off
   * (self-hosted), none of it applies and the administrator manages the SMS credit.
   */
  cloud: { enabled: boolean; domain?: string };
  /** The platform operator's sign-in (cloud mode). Never logged. */
  operator?: { username: string; password: string };
  /** Zarinpal (online top-ups); without a merchant id online payment is off. Never logged. */
  zarinpal: { url: string; merchantId?: string };
  /** The platform's SMS gateway; without one, messages go to DATA_DIR/outbox/sms.log. */
  sms: {
    provider: 'kavenegar' | 'smsir' | 'melipayamak' | 'ghasedak' | 'log';
    apiKey?: string;
    sender: string;
    username?: string;
    password?: string;
    /** Base addresses that replace the vendors' own (tests, proxies). */
    urls: Partial<Record<'kavenegar' | 'smsir' | 'melipayamak' | 'ghasedak', string>>;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of ENV_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  // `memory://` keeps the embedded database in memory (tests); anything else is a directory.
  const dataDir = e.DATA_DIR.startsWith('memory://') ? e.DATA_DIR : resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    liveStreamsPerPerson: e.LIVE_STREAMS_PER_PERSON,
    reportMemoryMb: e.REPORT_MEMORY_MB,
    publicReadsPerMinute: e.PUBLIC_READS_PER_MINUTE,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    secretKey: e.SECRET_KEY ?? persistentSecret(dataDir),
    admin:
      e.ADMIN_USERNAME && e.ADMIN_PASSWORD ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD } : undefined,
    demo: e.DEMO,
    worker: e.WORKER,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? 'Pishkhan <no-reply@localhost>',
    webDir: e.WEB_DIR ? resolve(e.WEB_DIR) : undefined,
    mailTlsCaFile: e.MAIL_TLS_CA_FILE ? resolve(e.MAIL_TLS_CA_FILE) : undefined,
    allowPrivateNetworkTargets: e.ALLOW_PRIVATE_NETWORK_TARGETS,
    webhooks: {
      allowHttp: e.WEBHOOKS_ALLOW_HTTP ?? ['development', 'test'].includes(env.NODE_ENV ?? ''),
      allowPrivate: e.WEBHOOKS_ALLOW_PRIVATE,
    },
    s3: e.S3_URL,
    cloud: { enabled: e.CLOUD, domain: e.CLOUD_DOMAIN },
    operator:
      e.OPERATOR_USERNAME && e.OPERATOR_PASSWORD
        ? { username: e.OPERATOR_USERNAME, password: e.OPERATOR_PASSWORD }
        : undefined,
    zarinpal: { url: e.ZARINPAL_URL.replace(/\/+$/, ''), merchantId: e.ZARINPAL_MERCHANT_ID },
    sms: {
      provider: e.SMS_PROVIDER ?? 'log',
      apiKey: e.SMS_API_KEY,
      sender: e.SMS_SENDER ?? '',
      username: e.SMS_USERNAME,
      password: e.SMS_PASSWORD,
      urls: {
        kavenegar: e.SMS_KAVENEGAR_URL,
        smsir: e.SMS_SMSIR_URL,
        melipayamak: e.SMS_MELIPAYAMAK_URL,
        ghasedak: e.SMS_GHASEDAK_URL,
      },
    },
  };
}

/**
 * Without SECRET_KEY a random key is made once and kept in DATA_DIR, so that encrypted
 * values and signed links survive restarts of a small install.
 */
function persistentSecret(dataDir: string): string {
  if (dataDir.startsWith('memory://')) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
