import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { TAction, TField } from '../../../contracts/catalogue';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import type { TicketChange, TicketRow } from '../tickets';
import { SMS_QUEUE, smsSealer, type SmsJob } from '../auth';
import { valueText, type StoredValues } from './form-values';

/** What a transition's `transfer` actions change on the ticket (the last one of each kind wins). */
export function transferChanges(actions: TAction[]): Pick<TicketChange, 'departmentId' | 'assigneeIds'> {
  const out: Pick<TicketChange, 'departmentId' | 'assigneeIds'> = {};
  for (const a of actions) {
    if (a.kind !== 'transfer') continue;
    if (a.departmentId) out.departmentId = Number(a.departmentId);
    if (a.agentId) out.assigneeIds = [Number(a.agentId)];
    // A transfer to a department without a named agent leaves it to that department's people.
    else if (a.departmentId) out.assigneeIds = [];
  }
  return out;
}

/** Departments a transition's `notify` actions tell. */
export const notifiedDepartments = (actions: TAction[]) =>
  actions.flatMap((a) => (a.kind === 'notify' ? [Number(a.departmentId)] : []));

/** `{{key}}` replaced by the form's value of that field (money with separators, units by name). */
export function fillTemplate(text: string, fields: TField[], values: StoredValues): string {
  const kinds = new Map(fields.map((f) => [f.key, f.kind]));
  return text.replace(/\{\{\s*([a-z][a-z0-9_-]{0,39})\s*\}\}/g, (_, key: string) =>
    valueText(values[key], kinds.get(key)),
  );
}

/**
 * E5: the `sms` actions, queued in the transition's transaction to the requester's mobile —
 * the account's, else the form's first mobile field. Sent through the workspace's gateway and
 * recorded in the deliveries log by the SMS job; none when there is no number to send to.
 */
export async function queueRequesterSms(
  tx: Ctx,
  ticket: TicketRow,
  actions: TAction[],
  fields: TField[],
  values: StoredValues,
): Promise<number> {
  const texts = actions.flatMap((a) => (a.kind === 'sms' ? [fillTemplate(a.text, fields, values)] : []));
  if (!texts.length) return 0;
  let to: string | null = null;
  if (ticket.requesterId) {
    const [u] = await tx.db
      .select({ mobile: users.mobile })
      .from(users)
      .where(inWorkspace(users, tx, eq(users.id, ticket.requesterId)));
    to = u?.mobile ?? null;
  }
  if (!to) {
    const field = fields.find((f) => f.kind === 'mobile' && typeof values[f.key] === 'string');
    to = field ? (values[field.key] as string) : null;
  }
  if (!to) return 0;
  const sealer = smsSealer(tx.deps.config.secretKey);
  for (const text of texts) {
    const job: SmsJob = { workspaceId: tx.workspaceId, to, sealedText: sealer.seal(text), event: 'workflow' };
    await tx.deps.jobs.send(SMS_QUEUE, job, { executor: tx.db });
  }
  return texts.length;
}
