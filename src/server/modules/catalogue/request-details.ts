import type { TField } from '../../../contracts/catalogue';
import { escapeHtml } from '../../platform/html';
import { t, type Locale } from '../../platform/i18n';
import { valueText, type StoredValues } from './form-values';

/**
 * The opening message of a request: its form as a table of labels and values (the "details"
 * of seed 000), so that it reads right in mail, in the thread and in search; the structured
 * values travel apart (`values`).
 */
export function detailsHtml(fields: TField[], values: StoredValues, locale: Locale, description?: string): string {
  const rows = fields
    .filter((f) => values[f.key] !== undefined)
    .map((f) => {
      const raw = values[f.key];
      const text = f.kind === 'priority' ? t(locale, `priority.${String(raw)}`) : valueText(raw, f.kind);
      const cell = escapeHtml(text).replace(/\n/g, '<br>');
      return `<tr><th dir="auto">${escapeHtml(f.label)}</th><td dir="auto">${cell}</td></tr>`;
    });
  const intro = description ? `<p dir="auto">${escapeHtml(description)}</p>` : '';
  return rows.length ? `${intro}<table><tbody>${rows.join('')}</tbody></table>` : intro || '<p></p>';
}
