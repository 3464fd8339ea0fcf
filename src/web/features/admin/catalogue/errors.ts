import type { RequestTypeDraft } from './model';

/**
 * The server's field errors of a saved request type, put back where they belong. Its paths name
 * list items by their place ("workflow.transitions.0.timer.onExpiry", "fields.2.key"); the
 * editor lets people move and remove items after a failed save, so each message is tied to the
 * item (its uid) that was in that place in the draft that was sent.
 */
export interface PlacedErrors {
  /** About the request type itself and its lists: name, position, fields, initial, statuses, transitions. */
  top: Record<string, string>;
  /** About one item (a field, a status, a transition or an action) by uid: the path inside it, '' for the whole item. */
  items: Record<string, Record<string, string>>;
  /** The server's keys that no control shows (for the form's general message). */
  unplaced: string[];
}

/** The request type's own inputs and lists that show a message of their own. */
const TOP_SHOWN = [
  'name',
  'description',
  'icon',
  'departmentId',
  'defaultPriority',
  'visible',
  'position',
  'fields',
  'initial',
  'statuses',
  'transitions',
];

export const NO_ERRORS: PlacedErrors = { top: {}, items: {}, unplaced: [] };

export function placeErrors(fields: Record<string, string>, sent: RequestTypeDraft): PlacedErrors {
  const out: PlacedErrors = { top: {}, items: {}, unplaced: [] };
  const toItem = (id: string | undefined, rest: string, message: string) => {
    if (!id) return false;
    out.items[id] ??= {};
    out.items[id][rest] ??= message;
    return true;
  };
  for (const [key, message] of Object.entries(fields)) {
    let m = /^fields\.(\d+)(?:\.(.+))?$/.exec(key);
    if (m && toItem(sent.fields[Number(m[1])]?.uid, m[2] ?? '', message)) continue;
    m = /^workflow\.statuses\.(\d+)(?:\.(.+))?$/.exec(key);
    if (m && toItem(sent.statuses[Number(m[1])]?.uid, m[2] ?? '', message)) continue;
    m = /^workflow\.transitions\.(\d+)\.actions\.(\d+)(?:\.(.+))?$/.exec(key);
    if (m && toItem(sent.transitions[Number(m[1])]?.actions[Number(m[2])]?.uid, m[3] ?? '', message)) continue;
    m = /^workflow\.transitions\.(\d+)(?:\.(.+))?$/.exec(key);
    if (m && toItem(sent.transitions[Number(m[1])]?.uid, m[2] ?? '', message)) continue;
    const top = key.replace(/^workflow\./, '').replace(/^(fields|statuses|transitions)\..*$/, '$1');
    if (TOP_SHOWN.includes(top)) out.top[top] ??= message;
    else out.unplaced.push(key);
  }
  return out;
}

/** The message about `name` inside an item, or about any part of it ("options.2" for "options"). */
export function pick(errors: Record<string, string> | undefined, name: string): string | undefined {
  if (!errors) return undefined;
  if (errors[name]) return errors[name];
  const inside = Object.keys(errors).find((k) => k.startsWith(`${name}.`));
  return inside ? errors[inside] : undefined;
}

/** Props that put a message under a MUI input (`error`, `helperText`), or the hint when there is none. */
export const shownError = (message: string | undefined, hint?: string) => ({
  error: !!message,
  helperText: message ?? hint,
});

/** The item's errors without those of one item (after it was edited again). */
export function withoutItem(e: PlacedErrors, id: string): PlacedErrors {
  if (!(id in e.items)) return e;
  const items = { ...e.items };
  delete items[id];
  return { ...e, items };
}
