import { eq } from 'drizzle-orm';
import { departments, desks, users } from '../../../db/schema';
import {
  CANNED_PLACEHOLDERS,
  type TCannedPlaceholder,
  type TRenderedCanned,
} from '../../../contracts/canned-responses';
import type { TicketRef } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { escapeHtml, sanitizeRichText } from '../../platform/html';
import { getSettings } from '../settings';
import { findVisibleTicket, type TicketRow } from '../tickets';
import { findUsable, requireStaff } from './canned.repo';

const KNOWN = new Set<string>(CANNED_PLACEHOLDERS);
/** `{{ name }}`: a dotted name in double braces, spaces inside allowed. */
const PLACEHOLDER = /\{\{\s*([a-zA-Z]+\.[a-zA-Z]+)\s*\}\}/g;

/** The values of the placeholders for this ticket, as plain text. */
async function valuesFor(ctx: Ctx, ticket: TicketRow): Promise<Record<TCannedPlaceholder, string>> {
  const one = <T>(rows: Promise<T[]>) => rows.then((r) => r[0]);
  const [requester, department, desk, settings] = await Promise.all([
    ticket.requesterId
      ? one(
          ctx.db
            .select({ name: users.name, username: users.username, email: users.email })
            .from(users)
            .where(inWorkspace(users, ctx, eq(users.id, ticket.requesterId))),
        )
      : undefined,
    one(
      ctx.db
        .select({ name: departments.name })
        .from(departments)
        .where(inWorkspace(departments, ctx, eq(departments.id, ticket.departmentId))),
    ),
    ticket.deskId
      ? one(
          ctx.db
            .select({ key: desks.key })
            .from(desks)
            .where(inWorkspace(desks, ctx, eq(desks.id, ticket.deskId))),
        )
      : undefined,
    getSettings(ctx),
  ]);
  const actor = ctx.actor!;
  return {
    'ticket.number': desk && ticket.deskNumber ? `${desk.key}-${ticket.deskNumber}` : String(ticket.number),
    'ticket.subject': ticket.subject,
    'ticket.department': department?.name ?? '',
    'requester.name': requester ? requester.name || requester.username : (ticket.guestName ?? ''),
    'requester.email': requester ? (requester.email ?? '') : (ticket.guestEmail ?? ''),
    'agent.name': actor.name || actor.username,
    'workspace.name': settings.title,
  };
}

/**
 * K6: the response's body with its placeholders filled for a ticket the caller may see (404
 * otherwise, as for the response). Values are HTML-escaped; unknown placeholders stay as typed.
 * The result is sanitised again, so no value can add markup even inside an attribute.
 */
export async function renderCannedResponse({
  ctx,
  id,
  ticketNumber,
}: {
  ctx: Ctx;
  id: number;
  ticketNumber: TicketRef;
}): Promise<TRenderedCanned> {
  requireStaff(ctx);
  const canned = await findUsable(ctx, id);
  const ticket = await findVisibleTicket(ctx, ticketNumber);
  const values = await valuesFor(ctx, ticket);
  const body = canned.body.replace(PLACEHOLDER, (whole, name: string) =>
    KNOWN.has(name) ? escapeHtml(values[name as TCannedPlaceholder]) : whole,
  );
  return { body: sanitizeRichText(body) };
}
