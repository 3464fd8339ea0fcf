import { expect } from 'vitest';
import type { ApiClient } from './server';

/**
 * The catalogue the requester's browser test (catalogue-request.test.ts) works in, set up through
 * the API as an admin would: the desk SETIRAN with «درخواست شارژ مبلغ پنل پیامکی» — seven
 * fields and a five-step workflow (a 72-working-hour timer, a step needing a file, one needing
 * a comment that texts the requester). On the demo workspace, which has seed 000's own SETIRAN
 * desk, the test takes that desk over and hides its request types.
 */

export const TYPE_NAME = 'درخواست شارژ مبلغ پنل پیامکی';
export const IT_NAME = 'فناوری اطلاعات (آزمون)';
export const DESK_NAME = 'ستاد فناوری اطلاعات';
export const MOBILE = '09121234567';
export const T = {
  request: 'صدور فاکتور',
  overdue: 'عدم صدور فاکتور تا ۷۲ ساعت کاری',
  issued: 'فاکتور صادر شده است',
  receipt: 'ارسال فاکتور و صورتحساب پرداختی',
  charged: 'شارژ انجام شد',
};

export async function setUpSetiranDesk(admin: ApiClient): Promise<{ deskId: string; typeId: string }> {
  const departments = (await admin.get<{ items: Array<{ id: string; name: string }> }>('/departments')).items;
  const finance = departments.find((d) => d.name === 'امور مالی')!;
  const itDept = await admin.post<{ id: string }>('/departments', { name: IT_NAME, description: '' });
  // The demo workspace may hold seed 000's own SETIRAN desk already, with requests of its own: the
  // test then takes that desk over and hides its request types, so the form it fills is its own.
  const deskBody = {
    name: DESK_NAME,
    description: 'خدمات پیامکی و پنل‌های ستاد',
    departmentId: finance.id,
    visible: true,
  };
  const existing = (await admin.get<{ items: Array<{ id: string; key: string }> }>('/desks')).items.find(
    (d) => d.key === 'SETIRAN',
  );
  const desk = existing
    ? await admin.patch<{ id: string; key: string }>(`/desks/${existing.id}`, deskBody)
    : await admin.post<{ id: string; key: string }>('/desks', { ...deskBody, key: 'setiran' });
  expect(desk.key).toBe('SETIRAN');
  if (existing) {
    for (const rt of (await admin.get<{ items: Array<{ id: string }> }>(`/desks/${desk.id}/request-types`)).items)
      await admin.patch(`/request-types/${rt.id}`, { visible: false });
  }
  const type = await admin.post<{ id: string }>(`/desks/${desk.id}/request-types`, {
    name: TYPE_NAME,
    description: 'شارژ اعتبار پنل پیامکی واحد شما پس از پرداخت فاکتور',
    fields: [
      { key: 'fullname', label: 'نام و نام خانوادگی', kind: 'text', required: true, help: '' },
      { key: 'unit', label: 'واحد سازمانی', kind: 'orgUnit', required: false, help: '' },
      { key: 'phone', label: 'تلفن ثابت', kind: 'phone', required: false, help: '' },
      { key: 'mobile', label: 'شمارهٔ همراه', kind: 'mobile', required: false, help: 'برای پیامک انجام کار' },
      { key: 'amount', label: 'مبلغ (تومان)', kind: 'money', required: true, help: 'مبلغ شارژ به تومان' },
      { key: 'description', label: 'توضیحات', kind: 'longtext', required: false, help: '' },
      { key: 'priority', label: 'اولویت', kind: 'priority', required: false, help: '' },
    ],
    workflow: {
      initial: 'new',
      statuses: [
        { key: 'new', name: 'ثبت شده', customerLabel: 'ثبت شد', category: 'open' },
        {
          key: 'invoice_requested',
          name: 'درخواست فاکتور',
          customerLabel: 'در انتظار صدور فاکتور',
          category: 'open',
        },
        { key: 'it_review', name: 'ارجاع به فناوری اطلاعات', customerLabel: 'در دست بررسی', category: 'open' },
        { key: 'paying', name: 'در حال پرداخت', customerLabel: 'در انتظار پرداخت شما', category: 'pending' },
        { key: 'paid', name: 'پرداخت شده', customerLabel: 'در حال بررسی پرداخت', category: 'open' },
        { key: 'done', name: 'شارژ شد', customerLabel: 'شارژ انجام شد', category: 'closed' },
      ],
      transitions: [
        {
          id: 'request_invoice',
          name: T.request,
          from: ['new'],
          to: 'invoice_requested',
          who: 'requester',
          timer: { workingMinutes: 4320, onExpiry: 'invoice_overdue' },
        },
        {
          id: 'invoice_overdue',
          name: T.overdue,
          from: ['invoice_requested'],
          to: 'it_review',
          who: 'department',
          actions: [{ kind: 'transfer', departmentId: itDept.id }],
        },
        { id: 'invoice_issued', name: T.issued, from: ['invoice_requested'], to: 'paying', who: 'requester' },
        {
          id: 'send_receipt',
          name: T.receipt,
          from: ['paying'],
          to: 'paid',
          who: 'requester',
          needsAttachment: true,
        },
        {
          id: 'charged',
          name: T.charged,
          from: ['paid'],
          to: 'done',
          who: 'agent',
          needsComment: true,
          actions: [{ kind: 'sms', to: 'requester', text: 'مبلغ {{amount}} تومان شارژ گردید' }],
        },
      ],
    },
  });
  return { deskId: desk.id, typeId: type.id };
}
