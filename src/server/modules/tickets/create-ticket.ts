import { eq, inArray, isNull, ne } from 'drizzle-orm';
import { departments, groups, ticketParticipants, ticketTypes, users } from '../../../db/schema';
import type { TCreateTicket, TTicket } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { runPrepared } from '../../platform/db/prepared';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden, Invalid, InvalidField, type Msg } from '../../platform/errors';
import { hasContent, sanitizeRichText } from '../../platform/html';
import { can } from '../../platform/http/access';
import { isStaffActor, requireTicketAccess, seesAllDepartments } from './ticket-access';
import { ticketDetails } from './ticket-details';
import { tagIdsFor } from './ticket-mapper';
import { openTicket } from './write/open-ticket';
import { mailsReplies, queueReplyJob } from '../mail';

/** Fields only staff may set when opening a ticket. */
const STAFF_ONLY = [
  'requesterId',
  'requesterGroupId',
  'internal',
  'status',
  'pinned',
  'assigneeIds',
  'tags',
  'bcc',
] as const;

function opensInOwnDepartment(actor: NonNullable<Ctx['actor']>, departmentId: number) {
  return seesAllDepartments(actor) || actor.departmentIds.includes(departmentId);
}

async function checkRefs(ctx: Ctx, input: TCreateTicket, staff: boolean) {
  const fields: Record<string, Msg> = {};
  const [dep] = await runPrepared(
    ctx.db
      .select()
      .from(departments)
      .where(inWorkspace(departments, ctx, eq(departments.id, input.departmentId))),
  );
  const usable = dep && dep.active && (staff || (dep.visible && dep.usage !== 'internal'));
  if (!usable) fields.departmentId = { key: 'validation.unknown_department' };
  // An agent opens tickets only where they may see them (without tickets.view_all: their departments).
  // C17: an internal ticket to another department is allowed — its opener follows it, so sees it.
  const actor = ctx.actor!;
  if (usable && staff && !input.internal && !opensInOwnDepartment(actor, dep.id))
    throw Forbidden('errors.department_not_yours');
  if (input.typeId) {
    const [type] = await ctx.db
      .select({ id: ticketTypes.id })
      .from(ticketTypes)
      .where(inWorkspace(ticketTypes, ctx, eq(ticketTypes.id, input.typeId), eq(ticketTypes.active, true)));
    if (!type) fields.typeId = { key: 'validation.unknown_ticket_type' };
  }
  if (input.requesterId) {
    const roles = input.internal ? ['agent', 'admin'] : ['customer'];
    const [u] = await ctx.db
      .select({ id: users.id, role: users.role, active: users.active })
      .from(users)
      .where(inWorkspace(users, ctx, eq(users.id, input.requesterId), isNull(users.deletedAt)));
    if (!u || !roles.includes(u.role) || !u.active)
      fields.requesterId = { key: input.internal ? 'validation.unknown_agent' : 'validation.unknown_customer' };
  }
  if (input.requesterGroupId) {
    const [g] = await ctx.db
      .select({ id: groups.id })
      .from(groups)
      .where(inWorkspace(groups, ctx, eq(groups.id, input.requesterGroupId), eq(groups.kind, 'customer')));
    if (!g) fields.requesterGroupId = { key: 'validation.unknown_group' };
  }
  if (input.assigneeIds?.length) {
    const ids = [...new Set(input.assigneeIds)];
    const found = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(inWorkspace(users, ctx, inArray(users.id, ids), ne(users.role, 'customer'), isNull(users.deletedAt)));
    if (found.length !== ids.length) fields.assigneeIds = { key: 'validation.unknown_agent' };
  }
  if (Object.keys(fields).length) throw Invalid(fields);
}

/**
 * Opens a ticket (C1, C5, C15, C17, C18). A customer writes for itself; staff with
 * tickets.create may open it for a customer, a customer group, or as an internal ticket, and
 * choose status, priority, assignees, tags and pin.
 */
export async function createTicket({ ctx, input }: { ctx: Ctx; input: TCreateTicket }): Promise<TTicket> {
  const actor = requireTicketAccess(ctx);
  const staff = isStaffActor(actor);
  if (staff && !can(actor, 'tickets.create')) throw Forbidden();
  if (!staff) {
    const fields: Record<string, Msg> = {};
    for (const f of STAFF_ONLY) {
      const v = input[f];
      if (v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0))
        fields[f] = { key: 'validation.staff_only' };
    }
    if (Object.keys(fields).length) throw Invalid(fields);
  }
  if (input.requesterId && input.requesterGroupId) throw InvalidField('requesterGroupId', 'validation.one_requester');
  const bodyHtml = sanitizeRichText(input.body);
  if (!hasContent(bodyHtml)) throw InvalidField('body', 'validation.required');
  await checkRefs(ctx, input, staff);
  const requesterId = staff ? (input.requesterId ?? null) : actor.id;
  let email: string | null = null;
  if (requesterId) {
    const [u] = await runPrepared(
      ctx.db
        .select({ email: users.email })
        .from(users)
        .where(inWorkspace(users, ctx, eq(users.id, requesterId))),
    );
    email = u?.email?.toLowerCase() ?? null;
  }

  const { row, message } = await withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const tagIds = staff ? await tagIdsFor(tx, input.tags) : [];
    const opensForSomeone = staff && (input.requesterId || input.requesterGroupId);
    // A ticket a customer writes waits for us; one staff open for a customer waits for the customer.
    const status = staff ? (input.status ?? (opensForSomeone ? 'pending' : 'active')) : 'active';
    // F3: a ticket staff open for a customer reaches the customer by mail, like a reply: its
    // first message is stored `queued` (not updated after) and its job queued with it; the
    // address is read before the number is taken.
    const mailed =
      staff &&
      !!requesterId &&
      !input.internal &&
      (await mailsReplies(tx, { internal: false, requesterId, guestEmail: null, guestName: null }));
    const made = await openTicket(
      tx,
      {
        subject: input.subject,
        departmentId: input.departmentId,
        typeId: input.typeId ?? null,
        priority: input.priority,
        status,
        requesterId,
        requesterGroupId: staff ? (input.requesterGroupId ?? null) : null,
        createdById: actor.id,
        internal: staff ? input.internal : false,
        pinned: staff ? input.pinned : false,
        assigneeIds: staff ? [...new Set(input.assigneeIds ?? [])] : [],
        tagIds,
        cc: input.cc,
        bcc: staff ? input.bcc : [],
        requesterEmail: email,
        lastCustomerReplyAt: staff ? null : now,
        lastAgentReplyAt: staff && !input.internal ? now : null,
      },
      {
        kind: 'reply',
        authorKind: staff ? 'agent' : 'customer',
        authorName: actor.name || actor.username,
        bodyHtml,
        direction: input.direction,
        cc: input.cc,
        bcc: staff ? input.bcc : [],
        attachmentIds: input.attachmentIds,
        ...(mailed ? { deliveryStatus: 'queued' as const } : {}),
      },
    );
    if (mailed) await queueReplyJob(tx, made.message.id);
    // C17: the opener of an internal ticket in another department follows it (and so sees it).
    if (staff && input.internal && !opensInOwnDepartment(actor, input.departmentId))
      await tx.db.insert(ticketParticipants).values({
        workspaceId: tx.workspaceId,
        ticketId: made.row.id,
        userId: actor.id,
        kind: 'follower',
        createdAt: now,
      });
    return made;
  });
  // The answer is read after commit, outside the counter's lock; only C17's opener may follow it yet.
  const followsIt = staff && input.internal && !opensInOwnDepartment(actor, input.departmentId);
  return ticketDetails(ctx, row, {
    created: true,
    // Without uploads the first message has no files: none are read.
    first: input.attachmentIds.length ? message : { ...message, files: [] },
    followers: followsIt ? [{ id: actor.id, name: actor.name, username: actor.username }] : [],
  });
}
