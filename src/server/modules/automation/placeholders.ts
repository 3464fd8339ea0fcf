import { escapeHtml } from '../../platform/html';

/** What a trigger's note may name: {{ticket.number}}, {{ticket.subject}}, {{requester.name}}. */
export interface PlaceholderFacts {
  ticket: { number: number; subject: string };
  requester: { name: string };
}

const PLACEHOLDER = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g;

/**
 * Fills the placeholders of a note's text; an unknown one stays as written, so a typo shows in
 * the note instead of vanishing. The result is plain text (the caller escapes it into HTML).
 */
export function renderPlaceholders(text: string, f: PlaceholderFacts): string {
  const values: Record<string, string> = {
    'ticket.number': String(f.ticket.number),
    'ticket.subject': f.ticket.subject,
    'requester.name': f.requester.name,
  };
  return text.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
}

/** Plain text as the HTML of a note: escaped, one paragraph per line. */
export function textToNoteHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}
