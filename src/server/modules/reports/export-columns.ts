import type { Locale } from '../../platform/i18n';
import { t } from '../../platform/i18n';
import type { ExportRow } from './export-rows';

/** One column of an export: its translated header and its text for a row. */
export interface ExportColumn {
  header: string;
  width: number;
  value: (r: ExportRow) => string | number;
}

/** `1404/09/15 14:30`: the Jalali date and time on a wall in `timeZone`, Latin digits (sortable, any font). */
export function jalaliFormatter(timeZone: string): (iso: string | null) => string {
  const f = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-latn', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => {
    if (!iso) return '';
    const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
    return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}`;
  };
}

/** The SLA of a ticket in words: breached (which targets), met, running, or nothing without a policy. */
function slaText(locale: Locale, r: ExportRow): string {
  if (r.sla_breached?.length)
    return `${t(locale, 'reports.sla.breached')} (${r.sla_breached.map((x) => t(locale, `reports.sla.target.${x}`)).join(', ')})`;
  return r.sla_state ? t(locale, `reports.sla.${r.sla_state}`) : '';
}

/**
 * The export's columns (docs/api.md "Reports"): ISO 8601 UTC instants for machines, and in
 * Persian also the Jalali creation and closing dates in the workspace's zone; status, priority
 * and SLA translated.
 */
export function exportColumns(locale: Locale, timeZone: string): ExportColumn[] {
  const h = (key: string) => t(locale, `reports.export.${key}`);
  const jalali = jalaliFormatter(timeZone);
  const fa = locale === 'fa';
  const columns: (ExportColumn | false)[] = [
    { header: h('number'), width: 10, value: (r) => r.number },
    { header: h('subject'), width: 40, value: (r) => r.subject },
    { header: h('department'), width: 20, value: (r) => r.department ?? '' },
    { header: h('status'), width: 12, value: (r) => t(locale, `reports.status.${r.status}`) },
    { header: h('priority'), width: 10, value: (r) => t(locale, `priority.${r.priority}`) },
    { header: h('requester'), width: 24, value: (r) => r.requester ?? '' },
    { header: h('assignees'), width: 24, value: (r) => r.assignees ?? '' },
    { header: h('created'), width: 22, value: (r) => r.created_at },
    fa && { header: h('createdJalali'), width: 18, value: (r) => jalali(r.created_at) },
    { header: h('firstResponse'), width: 22, value: (r) => r.first_response_at ?? '' },
    { header: h('closed'), width: 22, value: (r) => r.closed_at ?? '' },
    fa && { header: h('closedJalali'), width: 18, value: (r) => jalali(r.closed_at) },
    { header: h('sla'), width: 20, value: (r) => slaText(locale, r) },
    { header: h('csat'), width: 8, value: (r) => r.rating ?? '' },
  ];
  return columns.filter((c): c is ExportColumn => c !== false);
}

/** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break; formula starts defused. */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  // A cell starting with = + - @ would be a formula in a spreadsheet (CSV injection).
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
