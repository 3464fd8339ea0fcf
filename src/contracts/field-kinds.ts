/**
 * The kinds of a request form's field (E1), in the order the admin's kind select offers them.
 * Zod-free, so the web app imports it without the contract's validators.
 */
export const FIELD_KINDS = [
  'text',
  'longtext',
  'number',
  'money',
  'phone',
  'mobile',
  'email',
  'select',
  'orgUnit',
  'date',
  'priority',
] as const;
export type TFieldKind = (typeof FIELD_KINDS)[number];
