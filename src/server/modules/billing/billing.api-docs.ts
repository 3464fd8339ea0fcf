import type { ApiDocs } from '../../platform/http/api-docs';

const readers = 'Needs the settings.manage or billing.manage permission (administrators hold both).';
const selfHosted =
  'Administrators only; in a self-hosted install the administrator manages the credit. In cloud mode only the platform operator grants credit and sets the price (platform settings): this answers 403.';

/** The OpenAPI texts of the billing module's operations (platform/http/api-docs.ts). */
export const billingApiDocs: ApiDocs = {
  'GET /billing/credit': {
    operationId: 'getCredit',
    summary: 'Get the SMS credit',
    description: `${readers} Answers the balance in toman (currency IRT), the price of one SMS part, whether charging is on, the low-balance mark and lowBalance: true while charging is on and the balance is under the mark (show a banner). With charging off (the self-hosted default) SMS are recorded with their parts and price but never refused for credit.`,
  },
  'PATCH /billing/credit': {
    operationId: 'updateCredit',
    summary: 'Change SMS charging, price or low-balance mark',
    description: `${selfHosted} Only the fields sent change (at least one): charging on or off, pricePerSms (toman per SMS part, 1 or more), lowBalanceThreshold (toman) and codesExempt (one-time sign-in codes and the admin's sign-in link sent free, never skipped for credit). The change is written to the audit log. Turning charging on while the balance is under the mark mails the administrators one warning.`,
    example: { charging: true, pricePerSms: 190, lowBalanceThreshold: 19000 },
  },
  'POST /billing/credit/grant': {
    operationId: 'grantCredit',
    summary: 'Add SMS credit',
    description: `${selfHosted} Adds amount toman (a whole number from 1 to 10^12) to the balance, e.g. credit bought from the SMS vendor, with a note; written to the ledger as a grant (with who granted it) and to the audit log. Answers the credit as GET does. A balance that would pass 10^15 is refused with 400.`,
    example: { amount: 500000, note: 'Kavenegar invoice 1403-118' },
  },
  'GET /billing/credit/entries': {
    operationId: 'listCreditEntries',
    summary: 'List the credit ledger',
    description: `${readers} The ledger of the credit, newest first, paged: top-ups, grants, SMS charges (negative amounts) and refunds, each with the balance after it, its reference and note.`,
  },
  'GET /billing/credit/usage': {
    operationId: 'getCreditUsage',
    summary: 'SMS spending per day',
    description: `${readers} For the last \`days\` days (1–366, default 30) of the workspace's time zone, up to today, one item per day (also days without any): SMS parts charged and toman spent, refunds subtracted.`,
  },
};
