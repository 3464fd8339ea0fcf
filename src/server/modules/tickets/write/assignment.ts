import type { Ctx } from '../../../platform/context';
import { substitutesFor } from '../../people';

/** What the `assigned` event records of a substitution: who was away and who took it instead. */
export interface Substitution {
  for: string;
  by: string;
}

/**
 * Issue 20: assigning someone who is away gives the ticket to their substitute instead, when the
 * substitute is present (never further: a substitute who is away too leaves the choice as it
 * was). Only people newly added are redirected — not those already on the ticket (`keep`), and
 * not the actor assigning themselves: an agent marked away who takes a ticket is working on it.
 * Answers the list to write (sorted, without duplicates) and the substitutions made.
 */
export async function withSubstitutes(
  ctx: Ctx,
  ids: number[],
  keep: number[] = [],
): Promise<{ ids: number[]; substitutions: Substitution[] }> {
  const unique = [...new Set(ids)];
  const added = unique.filter((id) => !keep.includes(id) && id !== ctx.actor?.id);
  const subs = await substitutesFor(ctx, added);
  const substitutions: Substitution[] = [];
  const out = unique.map((id) => {
    const by = added.includes(id) ? subs.get(id) : undefined;
    if (by === undefined) return id;
    substitutions.push({ for: String(id), by: String(by) });
    return by;
  });
  return { ids: [...new Set(out)].sort((a, b) => a - b), substitutions };
}
