import type { MultipartFile, Multipart } from '@fastify/multipart';
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { departments, messages, tickets, users } from '../../../../db/schema';
import { ZImportEmlFields } from '../../../../contracts/mail';
import type { TTicket } from '../../../../contracts/tickets';
import { withTx, type Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { Conflict, Invalid, InvalidField, TooLarge, type Msg } from '../../../platform/errors';
import { requirePermission } from '../../../platform/http/access';
import { getSettings } from '../../settings';
import { seesAllDepartments } from '../../tickets';
import { ticketDetails } from '../../tickets';
import { logTicketEvent } from '../../tickets';
import { parseMail, UnparsableMail } from '../inbound/parse-mail';
import { normalizeMessageId } from '../inbound/ticket-ref';
import { dropStored, MB } from '../intake/mail-attachments';
import { attachMailFiles, customerByEmail, openMailTicket, storeFilesOf } from '../intake/mail-writer';
import { customerActor } from '../intake/system-ctx';

/** Base64 makes attachments a third larger inside a mail than on disk. */
const MAIL_OVERHEAD = 1.4;

/**
 * C19: an agent imports a saved e-mail (.eml) as a ticket of a department they work in,
 * optionally assigned to an agent. The sender becomes the requester (a customer found by
 * e-mail or alternate e-mail, else a guest); attachments follow the same rules as mail intake.
 * The same message (by Message-ID) is never imported twice: 409 names its ticket.
 */
export async function importEml({
  ctx,
  parts,
}: {
  ctx: Ctx;
  parts: AsyncIterableIterator<Multipart>;
}): Promise<TTicket> {
  const actor = requirePermission(ctx, 'tickets.import');
  const s = await getSettings(ctx);
  const { fields, raw } = await readForm(
    parts,
    Math.ceil(Math.max(s.maxUploadMb, s.memberMaxUploadMb) * MAIL_OVERHEAD * MB),
  );
  const input = ZImportEmlFields.safeParse(fields);
  if (!input.success)
    throw Invalid(
      Object.fromEntries(
        input.error.issues.map((i) => [
          String(i.path[0]),
          { key: i.message.startsWith('validation.') ? i.message : 'validation.invalid' },
        ]),
      ),
    );
  const { departmentId, assigneeId } = input.data;
  if (!raw) throw InvalidField('file', 'validation.file_required');
  await checkRefs(ctx, departmentId, assigneeId ?? null, seesAllDepartments(actor) ? null : actor.departmentIds);

  const parsed = await parseMail(raw).catch((e: unknown) => {
    throw InvalidField('file', 'errors.eml_unreadable', {
      reason: e instanceof UnparsableMail ? e.reason : 'parse-error',
    });
  });
  const messageId = normalizeMessageId(parsed.messageId);
  if (messageId) {
    const [dup] = await ctx.db
      .select({ number: tickets.number })
      .from(messages)
      .innerJoin(tickets, eq(tickets.id, messages.ticketId))
      .where(and(eq(messages.workspaceId, ctx.workspaceId), eq(messages.emailMessageId, messageId)))
      .limit(1);
    if (dup) throw Conflict('errors.already_imported', { number: dup.number });
  }
  const sender = parsed.from.address;
  const customer = await customerByEmail(ctx, sender);
  const files = await storeFilesOf(ctx, parsed, !customer);
  try {
    const made = await withTx(ctx, async (tx) => {
      // The mail's words are the requester's; the import itself is the agent's (event log).
      const asRequester: Ctx = { ...tx, actor: customer ? customerActor(customer) : null };
      const m = await openMailTicket(
        asRequester,
        { customer, sender, parsed },
        { departmentId, assigneeIds: assigneeId ? [assigneeId] : [], createdById: actor.id, via: 'import' },
      );
      await attachMailFiles(asRequester, m.row, m.message, files, null);
      await logTicketEvent(tx, m.row.id, 'imported', {
        messageId: String(m.message.id),
        from: sender,
        ...(assigneeId ? { assigneeId: String(assigneeId) } : {}),
      });
      return m;
    });
    return ticketDetails(ctx, made.row, { created: true, first: made.message, followers: [] });
  } catch (e) {
    await dropStored(ctx, files.stored);
    throw e;
  }
}

/** The form: text fields and one file, read into memory up to `maxBytes`. */
async function readForm(parts: AsyncIterableIterator<Multipart>, maxBytes: number) {
  const fields: Record<string, string> = {};
  let raw: Buffer | null = null;
  for await (const part of parts) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    raw = await readFile(part, maxBytes);
  }
  return { fields, raw };
}

async function readFile(file: MultipartFile, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.file) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      file.file.resume();
      throw TooLarge('errors.too_large');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function checkRefs(ctx: Ctx, departmentId: number, assigneeId: number | null, ownDepartments: number[] | null) {
  const fields: Record<string, Msg> = {};
  const [dep] = await ctx.db
    .select({ id: departments.id, active: departments.active })
    .from(departments)
    .where(inWorkspace(departments, ctx, eq(departments.id, departmentId)));
  if (!dep || !dep.active || (ownDepartments && !ownDepartments.includes(departmentId)))
    fields.departmentId = { key: 'validation.unknown_department' };
  if (assigneeId) {
    const [u] = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(
        inWorkspace(
          users,
          ctx,
          inArray(users.id, [assigneeId]),
          ne(users.role, 'customer'),
          eq(users.active, true),
          isNull(users.deletedAt),
        ),
      );
    if (!u) fields.assigneeId = { key: 'validation.unknown_agent' };
  }
  if (Object.keys(fields).length) throw Invalid(fields);
}
