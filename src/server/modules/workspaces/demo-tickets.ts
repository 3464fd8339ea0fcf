import { ZCreateMessage, ZCreateTicket, ZUpdateTicket } from '../../../contracts/tickets';
import type { Permission, Role } from '../../../contracts/permissions';
import type { Ctx } from '../../platform/context';
import { addMessage, createTicket, updateTicket } from '../tickets';
import { seedDemoHistory } from './demo-history';

export interface Person {
  id: string;
  name: string;
  username: string;
}

/** The same context acting as another person of the workspace. */
function as(ctx: Ctx, p: Person, role: Role, permissions: readonly Permission[] = [], locale: 'fa' | 'en' = 'fa'): Ctx {
  return {
    ...ctx,
    actor: {
      id: Number(p.id),
      role,
      name: p.name,
      username: p.username,
      permissions: new Set(permissions),
      departmentIds: [],
      ticketAccess: true,
      locale,
      via: 'token',
    },
  };
}

/**
 * A handful of conversations so that a fresh `npm start` shows a lived-in helpdesk: open,
 * answered, closed, pinned, internal, in Persian and in English. Made through the same actions
 * as the API, by the people who would make them.
 */
export async function seedDemoTickets(
  ctx: Ctx,
  p: {
    sara: Person;
    reza: Person;
    maryam: Person;
    ali: Person;
    zahra: Person;
    john: Person;
    agentPermissions: readonly Permission[];
  },
  d: { support: string; finance: string; sales: string; internal: string },
) {
  const customer = (who: Person) => as(ctx, who, 'customer', [], who === p.john ? 'en' : 'fa');
  const agent = (who: Person) => as(ctx, who, 'agent', [...p.agentPermissions, 'tickets.view_all']);
  const open = (c: Ctx, input: Record<string, unknown>) => createTicket({ ctx: c, input: ZCreateTicket.parse(input) });
  const say = (c: Ctx, number: number, input: Record<string, unknown>) =>
    addMessage({ ctx: c, number, input: ZCreateMessage.parse({ ...input, force: true }) });

  const vpn = await open(customer(p.ali), {
    departmentId: d.support,
    priority: 'high',
    subject: 'اتصال VPN از خانه برقرار نمی‌شود',
    body: '<p>سلام، از دیروز عصر با VPN دانشگاه به شبکه وصل نمی‌شوم و خطای «زمان اتصال تمام شد» می‌گیرم. اینترنت خانه سالم است.</p>',
  });
  await updateTicket({ ctx: agent(p.reza), number: vpn.number, input: ZUpdateTicket.parse({ tags: ['vpn', 'شبکه'] }) });
  await say(agent(p.reza), vpn.number, {
    body: '<p>سلام، لطفاً نسخهٔ برنامهٔ VPN را به ۴.۲ به‌روز کنید و دوباره امتحان کنید. اگر باز هم وصل نشد، تصویر خطا را بفرستید.</p>',
    statusAfter: 'pending',
  });

  const mail = await open(customer(p.zahra), {
    departmentId: d.support,
    priority: 'urgent',
    subject: 'ایمیل دانشگاهی پیام‌ها را دریافت نمی‌کند',
    body: '<p>از صبح هیچ ایمیلی به صندوق من نرسیده است. فرستادن کار می‌کند.</p>',
  });
  await updateTicket({
    ctx: agent(p.sara),
    number: mail.number,
    input: ZUpdateTicket.parse({ tags: ['ایمیل'], assigneeIds: [Number(p.reza.id)] }),
  });
  await say(agent(p.sara), mail.number, {
    kind: 'note',
    body: '<p>احتمالاً سهمیهٔ صندوق پر شده است؛ رضا لطفاً بررسی کن.</p>',
  });

  const invoice = await open(customer(p.ali), {
    departmentId: d.finance,
    subject: 'درخواست فاکتور رسمی شارژ پیامک',
    body: '<p>برای شارژ اعتبار پیامک ماه گذشته فاکتور رسمی به نام دانشکده لازم داریم.</p>',
  });
  await say(agent(p.maryam), invoice.number, {
    body: '<p>فاکتور صادر شد و به ایمیل شما فرستاده شد.</p>',
    statusAfter: 'closed',
  });

  await open(customer(p.john), {
    departmentId: d.sales,
    priority: 'low',
    direction: 'ltr',
    subject: 'Quote for 50 extra agent seats',
    body: '<p>Hello, could you send us a quote for 50 more agent seats for next year?</p>',
  });

  await open(customer(p.zahra), {
    departmentId: d.support,
    subject: 'نصب نرم‌افزار SPSS روی رایانهٔ آزمایشگاه',
    body: '<p>لطفاً SPSS را روی ده رایانهٔ آزمایشگاه ۲۱۴ نصب کنید.</p>',
  });

  const reset = await open(customer(p.john), {
    departmentId: d.support,
    priority: 'high',
    direction: 'ltr',
    subject: 'Password reset link expired',
    body: '<p>The reset link I received says it has expired.</p>',
  });
  await say(agent(p.reza), reset.number, {
    body: '<p>Please request a new link; it is valid for one hour.</p>',
    statusAfter: 'pending',
  });
  await say(customer(p.john), reset.number, { body: '<p>The new link expired as well before I could open it.</p>' });

  await open(agent(p.sara), {
    departmentId: d.internal,
    internal: true,
    subject: 'به‌روزرسانی سرور ایمیل در پایان هفته',
    body: '<p>پنجشنبه ساعت ۲۲ سرور ایمیل به‌روز می‌شود؛ لطفاً اطلاع‌رسانی کنید.</p>',
  });

  await open(customer(p.ali), {
    departmentId: d.support,
    subject: 'کندی اینترنت در ساختمان دانشکده',
    body: '<p>سرعت اینترنت در طبقهٔ دوم دانشکده از دیروز بسیار کم است.</p>',
  });

  // A month of history before today's conversations, so the dashboard's chart means something.
  await seedDemoHistory({ customer, agent, people: p, departments: d });
}
