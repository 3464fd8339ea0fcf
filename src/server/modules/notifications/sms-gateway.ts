import { smsGateways } from '../../../db/schema';
import type { TSmsGateway, TSmsGatewayInput } from '../../../contracts/sms';
import { withTx, type Ctx } from '../../platform/context';
import { Invalid } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { gatewayRow, smsGatewaySealer, type GatewayRow } from './sms-settings';

function view(row: GatewayRow | null, ctx: Ctx): TSmsGateway {
  if (!row)
    return {
      provider: ctx.deps.config.sms.provider,
      sender: ctx.deps.config.sms.sender,
      username: null,
      hasApiKey: false,
      hasPassword: false,
      customerStatusSms: false,
      configured: false,
    };
  return {
    provider: row.provider as TSmsGateway['provider'],
    sender: row.sender,
    username: row.username,
    hasApiKey: !!row.sealedApiKey,
    hasPassword: !!row.sealedPassword,
    customerStatusSms: row.customerStatusSms,
    configured: true,
  };
}

/** GET /sms-gateway (admin). */
export async function getSmsGateway({ ctx }: { ctx: Ctx }): Promise<TSmsGateway> {
  requirePermission(ctx, 'settings.manage');
  return view(await gatewayRow(ctx), ctx);
}

/** What each vendor signs in with (their published APIs): a key, or a username and password. */
const NEEDS: Record<TSmsGatewayInput['provider'], ('apiKey' | 'username' | 'password')[]> = {
  kavenegar: ['apiKey'],
  smsir: ['apiKey'],
  ghasedak: ['apiKey'],
  melipayamak: ['username', 'password'],
  log: [],
};

/** PUT /sms-gateway (admin): secrets sealed, write-only; left out → kept, "" → cleared. */
export async function putSmsGateway({ ctx, input }: { ctx: Ctx; input: TSmsGatewayInput }): Promise<TSmsGateway> {
  requirePermission(ctx, 'settings.manage');
  const sealer = smsGatewaySealer(ctx.deps);
  return withTx(ctx, async (tx) => {
    const cur = await gatewayRow(tx);
    const secret = (v: string | null | undefined, stored: string | null | undefined) =>
      v === undefined || v === null ? (stored ?? null) : v === '' ? null : sealer.seal(v);
    const samePlace = cur?.provider === input.provider;
    const row = {
      provider: input.provider,
      sender: input.sender,
      username: input.username === undefined ? (samePlace ? (cur?.username ?? null) : null) : input.username || null,
      sealedApiKey: secret(input.apiKey, samePlace ? cur?.sealedApiKey : null),
      sealedPassword: secret(input.password, samePlace ? cur?.sealedPassword : null),
      customerStatusSms: input.customerStatusSms ?? cur?.customerStatusSms ?? false,
      updatedAt: tx.deps.clock.now(),
    };
    const missing: Record<string, string> = {};
    for (const need of NEEDS[input.provider]) {
      const has = need === 'apiKey' ? row.sealedApiKey : need === 'password' ? row.sealedPassword : row.username;
      if (!has) missing[need] = 'validation.required';
    }
    if (Object.keys(missing).length) throw Invalid(missing);
    await tx.db
      .insert(smsGateways)
      .values({ workspaceId: tx.workspaceId, ...row })
      .onConflictDoUpdate({ target: smsGateways.workspaceId, set: row });
    await audit(tx, 'sms_gateway.updated', 'sms_gateway', null, {
      provider: input.provider,
      sender: input.sender,
      apiKeyChanged: input.apiKey !== undefined && input.apiKey !== null,
      passwordChanged: input.password !== undefined && input.password !== null,
    });
    return view(await gatewayRow(tx), tx);
  });
}
