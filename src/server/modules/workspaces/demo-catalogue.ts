import type { MultipartFile } from '@fastify/multipart';
import { Readable } from 'node:stream';
import { ZCreateRequestType } from '../../../contracts/catalogue';
import type { Ctx } from '../../platform/context';
import { ATTACHMENT_TYPES, storeUpload } from '../files';
import { createDesk, createRequest, createRequestType, setiranRequestType, takeTransition } from '../catalogue';
import { createSlaPolicy, recomputeSla } from '../sla';

type Person = { id: string; name: string; username: string };

/** The same system context acting as one demo person (a customer or an agent). */
const as = (ctx: Ctx, p: Person, role: 'customer' | 'agent', departmentIds: number[] = []): Ctx => ({
  ...ctx,
  actor: {
    ...ctx.actor!,
    id: Number(p.id),
    role,
    name: p.name,
    username: p.username,
    ticketAccess: true,
    departmentIds,
    permissions: new Set(role === 'agent' ? ['tickets.reply', 'tickets.view_all'] : []),
  },
});

/**
 * Seed 000 in the demo (issue 16): the SETIRAN desk with «درخواست شارژ مبلغ پنل پیامکی» and
 * one request in each step of its process, taken through the same actions the API calls; and
 * an SLA policy on working hours for every ticket.
 */
export async function seedDemoCatalogue(
  ctx: Ctx,
  p: { ali: Person; zahra: Person; john: Person; sara: Person },
  d: { support: string; finance: string; unitId: string },
) {
  const desk = await createDesk({
    ctx,
    input: {
      key: 'SETIRAN',
      name: 'شارژ پنل پیامکی',
      description: 'درخواست شارژ پنل پیامکی واحدها از طریق شرکت ستیران',
      departmentId: Number(d.finance),
      visible: true,
      position: 1,
    },
  });
  const rt = await createRequestType({
    ctx,
    deskId: Number(desk.id),
    // Through the contract, as the API reads it (its defaults filled in).
    input: ZCreateRequestType.parse(setiranRequestType({ itDepartmentId: d.support })),
  });
  const people = [p.ali, p.zahra, p.ali, p.zahra, p.ali, p.zahra];
  const amounts = [5_000_000, 10_000_000, 2_500_000, 7_000_000, 12_000_000, 10_000_000];
  // Each request goes as far along the process as its index: new, invoice requested, escalated, paying, paid, charged.
  const steps: [string, 'customer' | 'agent', string?][] = [
    ['request_invoice', 'customer', 'مبلغ به نمایندهٔ شرکت اعلام شد.'],
    ['no_invoice', 'customer'],
    ['followed_up', 'agent', 'با شرکت تماس گرفته شد؛ فاکتور امروز صادر می‌شود.'],
    ['invoice_issued', 'customer'],
    ['send_paid_invoice', 'customer', 'رسید پرداخت پیوست است.'],
    ['charged', 'agent', 'پنل پیامکی شارژ گردید.'],
  ];
  for (const [i, who] of people.entries()) {
    const c = as(ctx, who, 'customer');
    const made = await createRequest({
      ctx: c,
      input: {
        requestTypeId: Number(rt.id),
        values: {
          'full-name': who.name,
          unit: d.unitId,
          mobile: i % 2 ? '09351234567' : '09121234567',
          amount: String(amounts[i]),
          description: 'شارژ پنل پیامکی برای اطلاع‌رسانی به دانشجویان',
          priority: i === 1 ? 'high' : 'medium',
        },
        attachmentIds: [],
        direction: 'auto',
      },
    });
    const plan = planFor(i, steps);
    for (const [id, role, comment] of plan) {
      // The paid invoice's step needs its attachment, as it would from the requester.
      const attachmentIds = id === 'send_paid_invoice' ? [await demoReceipt(c, amounts[i])] : [];
      await takeTransition({
        ctx: role === 'customer' ? c : as(ctx, p.sara, 'agent', [Number(d.support), Number(d.finance)]),
        number: made.key!,
        transitionId: id,
        input: { comment, attachmentIds, direction: 'auto' },
      });
    }
  }
  await createSlaPolicy({
    ctx,
    input: {
      name: 'پاسخ در نیم روز کاری',
      position: 10,
      conditions: {},
      calendarId: null,
      targets: { firstResponse: 240, nextResponse: 480, resolution: 2400 },
      warnBefore: 60,
      pauseWhilePending: true,
      onBreach: { raisePriority: true, notify: [p.sara.id] },
    },
  });
  await recomputeSla(ctx);
}

/** A paid invoice's receipt as the requester would upload it (a small text file). */
async function demoReceipt(c: Ctx, amount: number): Promise<string> {
  const text = `رسید پرداخت صورتحساب شارژ پنل پیامکی\nمبلغ: ${amount.toLocaleString('en-US')} تومان\n`;
  const bytes = Buffer.from(text);
  // `bytesRead` is what an upload's stream (busboy) counts; the sniffer reads it.
  const stream = Object.assign(Readable.from([bytes]), { bytesRead: bytes.length });
  const file = { filename: 'رسید-پرداخت.txt', mimetype: 'text/plain', file: stream };
  const row = await storeUpload(c, file as unknown as MultipartFile, {
    allowed: ATTACHMENT_TYPES,
    maxBytes: 100_000,
    purpose: 'attachment',
  });
  return String(row.id);
}

/** The steps that bring request `i` to its status (the fifth and sixth skip the escalation). */
function planFor(i: number, steps: [string, 'customer' | 'agent', string?][]) {
  const path = i <= 2 ? steps.slice(0, i) : [steps[0], ...steps.slice(3, i + 1)];
  return path;
}
