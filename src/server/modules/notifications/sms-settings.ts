import { eq } from 'drizzle-orm';
import { smsGateways } from '../../../db/schema';
import type { AppDeps, Ctx } from '../../platform/context';
import { createSealer } from '../../platform/crypto';
import type { SmsAccount, SmsProvider } from './sms/types';

export const smsGatewaySealer = (deps: Pick<AppDeps, 'config'>) => createSealer(deps.config.secretKey, 'sms-gateway');

export type GatewayRow = typeof smsGateways.$inferSelect;

export async function gatewayRow(ctx: Pick<Ctx, 'db' | 'workspaceId'>): Promise<GatewayRow | null> {
  const [row] = await ctx.db.select().from(smsGateways).where(eq(smsGateways.workspaceId, ctx.workspaceId));
  return row ?? null;
}

/** The vendor base address: SMS_<VENDOR>_URL when set, else the client's default. */
export function baseUrlOf(deps: Pick<AppDeps, 'config'>, provider: SmsProvider): string | undefined {
  return provider === 'log' ? undefined : deps.config.sms.urls[provider];
}

/** The platform's gateway (SMS_PROVIDER…): for sign-up codes and workspaces without their own. */
export function platformAccount(deps: Pick<AppDeps, 'config'>): SmsAccount {
  const s = deps.config.sms;
  return {
    provider: s.provider,
    sender: s.sender,
    apiKey: s.apiKey,
    username: s.username,
    password: s.password,
    baseUrl: baseUrlOf(deps, s.provider),
  };
}

/** A workspace's own gateway as a client account, secrets opened. */
export function accountOf(deps: Pick<AppDeps, 'config'>, row: GatewayRow): SmsAccount {
  const sealer = smsGatewaySealer(deps);
  const provider = row.provider as SmsProvider;
  return {
    provider,
    sender: row.sender,
    apiKey: row.sealedApiKey ? sealer.open(row.sealedApiKey) : null,
    username: row.username,
    password: row.sealedPassword ? sealer.open(row.sealedPassword) : null,
    baseUrl: baseUrlOf(deps, provider),
  };
}

/** What the engine needs to know of a workspace's SMS: whether customers get status SMS. */
export async function smsSettingsOf(ctx: Ctx): Promise<{ customerStatusSms: boolean }> {
  const row = await gatewayRow(ctx);
  return { customerStatusSms: row?.customerStatusSms ?? false };
}

/** The account a workspace's SMS go out through: its own, else the platform's. */
export async function sendingAccount(ctx: Ctx): Promise<SmsAccount> {
  const row = await gatewayRow(ctx);
  return row ? accountOf(ctx.deps, row) : platformAccount(ctx.deps);
}
