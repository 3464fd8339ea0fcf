import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the online payments (platform/http/api-docs.ts). */
export const paymentsApiDocs: ApiDocs = {
  'POST /billing/credit/top-up': {
    operationId: 'topUpCredit',
    summary: 'Buy SMS credit online',
    description:
      'Administrators only. Opens a Zarinpal payment of amount toman (10,000 to 100,000,000) for SMS credit and answers the address of Zarinpal’s payment page; send the browser there. When the payer comes back the payment is verified once and the credit added once (see the callback); a payer who never comes back is credited by a job within about ten minutes. Refused with 400 when online payment is not set up on this server (no Zarinpal merchant) or Zarinpal refused the request, and with 429 after 10 top-ups in 10 minutes.',
    errors: [400, 429],
    example: { amount: 500000 },
  },
  'GET /billing/callback/zarinpal': {
    operationId: 'zarinpalCallback',
    summary: 'Return from Zarinpal',
    description:
      'Public: Zarinpal sends the payer’s browser here with `Authority` and `Status`. Not for API clients. The payment is verified with Zarinpal once (parallel and repeated calls never credit twice) and the browser is redirected (303) to `/admin/billing?payment=ok|failed|pending|cancelled|unknown`: `pending` when Zarinpal did not answer (a job retries), `unknown` for an authority not of this workspace. Cloud mode: Zarinpal returns the payer to the platform’s address, which names no workspace; the payment is found by its authority and the browser is sent to its workspace’s own address (`https://<slug>.<domain>/admin/billing?payment=…`).',
    errors: [400],
    success: { status: 303, description: 'Redirect to the billing page with the outcome.' },
  },
  'GET /billing/payments': {
    operationId: 'listPayments',
    summary: 'List online payments',
    description:
      'Administrators only. The workspace’s online payments, newest first, paged: amount in toman, state (created, verifying, paid, failed, cancelled), Zarinpal’s reference number and the masked card once paid.',
    errors: [400],
  },
};
