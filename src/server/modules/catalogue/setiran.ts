import type { z } from 'zod';
import type { ZCreateRequestType } from '../../../contracts/catalogue';

/** 72 working hours, in minutes. */
export const INVOICE_WAIT_MINUTES = 72 * 60;

/**
 * Seed 000's request type, «درخواست شارژ مبلغ پنل پیامکی», as the university runs it: the form
 * of the guide and the invoice process, with the 72-working-hour escalation to the IT
 * department and the closing SMS with the amount. Used by the demo data and the tests.
 */
export function setiranRequestType(o: {
  itDepartmentId: string;
  calendarId?: string;
}): z.input<typeof ZCreateRequestType> {
  return {
    name: 'درخواست شارژ مبلغ پنل پیامکی',
    description: 'شارژ پنل پیامکی واحد از طریق شرکت ستیران، طرف قرارداد دانشگاه.',
    defaultPriority: 'medium',
    fields: [
      { key: 'full-name', label: 'نام و نام خانوادگی', kind: 'text', required: true, help: 'اطلاعات مربوط به خودتان' },
      { key: 'unit', label: 'واحد سازمانی', kind: 'orgUnit', required: true, help: 'واحد سازمانی خود را انتخاب کنید' },
      { key: 'phone', label: 'شماره تماس', kind: 'phone', required: false, help: 'تلفن محل کار' },
      {
        key: 'mobile',
        label: 'شمارهٔ همراه',
        kind: 'mobile',
        required: true,
        help: 'پیامک پایان کار به این شماره می‌رسد',
      },
      {
        key: 'amount',
        label: 'مبلغ به تومان',
        kind: 'money',
        required: true,
        help: 'مبلغی که می‌خواهید شارژ شود، به تومان',
      },
      {
        key: 'description',
        label: 'شرح درخواست',
        kind: 'longtext',
        required: false,
        help: 'لطفاً مبلغ درخواستی را به نمایندهٔ شرکت ستیران اعلام فرمایید.',
      },
      { key: 'priority', label: 'اولویت', kind: 'priority', required: false, help: '' },
    ],
    workflow: {
      initial: 'new',
      statuses: [
        { key: 'new', name: 'اعلام مبلغ درخواستی برای صدور فاکتور', customerLabel: '', category: 'open' },
        { key: 'invoice_requested', name: 'دریافت فاکتور از شرکت', customerLabel: '', category: 'pending' },
        {
          key: 'escalated',
          name: 'عدم صدور فاکتور تا ۷۲ ساعت کاری',
          customerLabel: 'پیگیری توسط واحد فناوری اطلاعات',
          category: 'open',
        },
        { key: 'paying', name: 'پرداخت صورتحساب توسط واحد متقاضی', customerLabel: '', category: 'pending' },
        { key: 'paid', name: 'ارسال فاکتور و صورتحساب پرداختی', customerLabel: 'در انتظار شارژ پنل', category: 'open' },
        { key: 'charged', name: 'شارژ شد', customerLabel: 'پنل پیامکی شارژ شد', category: 'closed' },
      ],
      transitions: [
        {
          id: 'request_invoice',
          name: 'صدور فاکتور',
          from: ['new'],
          to: 'invoice_requested',
          who: 'requester',
          timer: { workingMinutes: INVOICE_WAIT_MINUTES, calendarId: o.calendarId ?? null, onExpiry: 'no_invoice' },
        },
        {
          id: 'no_invoice',
          name: 'عدم صدور فاکتور تا ۷۲ ساعت کاری',
          from: ['invoice_requested'],
          to: 'escalated',
          who: 'requester',
          actions: [
            { kind: 'transfer', departmentId: o.itDepartmentId },
            { kind: 'notify', departmentId: o.itDepartmentId },
          ],
        },
        {
          id: 'followed_up',
          name: 'پیگیری شد؛ بازگشت به متقاضی',
          from: ['escalated'],
          to: 'invoice_requested',
          who: 'department',
          needsComment: true,
          timer: { workingMinutes: INVOICE_WAIT_MINUTES, calendarId: o.calendarId ?? null, onExpiry: 'no_invoice' },
        },
        {
          id: 'invoice_issued',
          name: 'فاکتور صادر شده است',
          from: ['invoice_requested', 'escalated'],
          to: 'paying',
          who: 'requester',
        },
        {
          id: 'send_paid_invoice',
          name: 'ارسال فاکتور و صورتحساب پرداختی',
          from: ['paying'],
          to: 'paid',
          who: 'requester',
          needsAttachment: true,
        },
        {
          id: 'charged',
          name: 'شارژ انجام شد',
          from: ['paid'],
          to: 'charged',
          who: 'agent',
          needsComment: true,
          actions: [
            { kind: 'sms', to: 'requester', text: 'مبلغ {{amount}} تومان برای پنل پیامکی شما شارژ گردید. ({{unit}})' },
          ],
        },
      ],
    },
  };
}
