import { and, eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { TSignupVerify } from '../../../contracts/cloud';
import { withTx, type Ctx } from '../../platform/context';
import { randomToken } from '../../platform/crypto';
import { AppError, InvalidField } from '../../platform/errors';
import type { Locale } from '../../platform/i18n';
import { addressKey, hitRateLimit } from '../../platform/rate-limit';
import { audit } from '../audit';
import { createSession } from '../auth';
import { handoffToken } from './handoff';
import { HANDOFF_PATH } from './handoff-path';
import { createWorkspace, workspaceUrl } from '../workspaces';
import { mobileHasWorkspace, refuseUnavailable, requireCloud, slugTaken, uniqueViolation } from './availability';
import { SIGNUP_MAX_ATTEMPTS, signupCodeMatches } from './signup-code';
import { countWrongGuess, deleteSignup, lockSignup } from './signups.repo';

/** Code checks from one address per ten minutes, whatever the mobile. */
export const SIGNUP_VERIFY_IP_LIMIT = { limit: 30, windowSeconds: 600 };

type Outcome =
  | { refused: AppError }
  | {
      done: {
        workspace: { id: string; slug: string; name: string; url: string };
        signInUrl: string;
        user: { id: string; username: string; mobile: string };
        cookie: string;
        csrfToken: string;
        userId: number;
      };
    };

/**
 * POST /public/signup/verify (I1). A wrong code counts against the sign-up (the fifth voids it);
 * an expired one is refused. The right one, in one transaction: the address and the mobile are
 * checked again (another sign-up may have taken them since the code was sent), the workspace is
 * made with its admin (username = the address, the sign-up's mobile; a random password nobody
 * knows — they sign in by SMS code or the link createWorkspace sends), the sign-up is deleted and
 * the admin's session starts. Refusals that change the sign-up commit before they are answered.
 */
export async function verifySignup({ ctx, input, userAgent }: { ctx: Ctx; input: TSignupVerify; userAgent?: string }) {
  requireCloud(ctx);
  const l = SIGNUP_VERIFY_IP_LIMIT;
  await hitRateLimit(ctx, `signup-verify:ip:${addressKey(ctx.ip)}`, l.limit, l.windowSeconds, 'errors.rate_limited');
  const now = ctx.deps.clock.now();
  let outcome: Outcome;
  try {
    outcome = await withTx(ctx, async (tx): Promise<Outcome> => {
      const row = await lockSignup(tx, input.mobile);
      if (!row) return { refused: InvalidField('code', 'validation.signup_missing') };
      if (row.expiresAt.getTime() <= now.getTime())
        return { refused: InvalidField('code', 'validation.signup_expired') };
      if (!signupCodeMatches(tx.deps, row.mobile, input.code, row.codeHash)) {
        if (row.attempts + 1 >= SIGNUP_MAX_ATTEMPTS) {
          await deleteSignup(tx, row.id);
          return { refused: InvalidField('code', 'validation.signup_attempts') };
        }
        await countWrongGuess(tx, row.id);
        return { refused: InvalidField('code', 'validation.otp_wrong') };
      }
      try {
        await refuseUnavailable(tx.db, row);
      } catch (err) {
        // Taken since the code was sent: this sign-up can never finish, so it goes, and the
        // organisation may start again at once with another address.
        await deleteSignup(tx, row.id);
        if (err instanceof AppError) return { refused: err };
        throw err;
      }

      const locale: Locale = row.locale === 'en' ? 'en' : 'fa';
      const { workspace, admin } = await createWorkspace(
        tx.deps,
        {
          slug: row.slug,
          name: row.organisation,
          settings: { title: row.organisation, defaultLocale: locale },
          admin: { username: row.slug, password: randomToken(24), mobile: row.mobile },
        },
        tx.db,
      );
      const inWs: Ctx = { ...tx, workspaceId: workspace.id, actor: null, locale };
      await tx.db
        .update(users)
        .set({ locale, lastLoginAt: now })
        .where(and(eq(users.workspaceId, workspace.id), eq(users.id, admin.id)));
      await deleteSignup(tx, row.id);
      const session = await createSession(inWs, admin.id, userAgent);
      await audit(inWs, 'workspace.signed_up', 'workspace', workspace.id, {
        slug: row.slug,
        organisation: row.organisation,
        mobile: row.mobile,
      });
      const url = workspaceUrl(tx.deps.config, workspace.slug);
      const signInUrl = tx.deps.config.cloud.domain
        ? `${url}${HANDOFF_PATH}?token=${encodeURIComponent(handoffToken(tx, { cookie: session.cookie, workspaceId: workspace.id }))}`
        : `${url}/admin`;
      return {
        done: {
          workspace: { id: String(workspace.id), slug: workspace.slug, name: workspace.name, url },
          signInUrl,
          user: { id: String(admin.id), username: admin.username, mobile: row.mobile },
          ...session,
          userId: admin.id,
        },
      };
    });
  } catch (err) {
    // Two verifications racing for one address or one owner: the unique index settles it.
    const constraint = uniqueViolation(err);
    if (constraint === 'workspaces_slug_uq') throw slugTaken();
    if (constraint === 'subscriptions_owner_mobile_uq') throw mobileHasWorkspace();
    throw err;
  }
  if ('refused' in outcome) throw outcome.refused;
  return outcome.done;
}
