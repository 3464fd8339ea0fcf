import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of buying a plan (platform/http/api-docs.ts). */
export const subscriptionPaymentsApiDocs: ApiDocs = {
  'POST /billing/subscription': {
    operationId: 'buySubscription',
    summary: 'Buy or renew a plan online',
    description:
      'Cloud mode, administrators only. Quotes `periods` periods of `months` months (one of the plan’s prices; a month is 30 days) and opens a Zarinpal payment of the amount; answers Zarinpal’s payment page (send the browser there) with the quote: `price` of the periods, `proration` credited for the unused whole days of the current paid plan when changing plans (at the price per day it was bought at), `amount` paid (price − proration, at least 1,000 toman) and the new `endsAt`. Nothing changes until the payment is verified (the Zarinpal callback, or the reconcile job within about ten minutes): the same plan is then extended from its end (or from now once ended), another plan starts at that moment. Refused with 400 for an unknown plan or period, when online payment is not set up or Zarinpal refused the request; 409 `conflict` when the plan’s limits are below what the workspace already uses (the message and `details.limit` name the limit); 429 after 10 payments in 10 minutes; 404 on a self-hosted server.',
    errors: [400, 404, 409, 429],
    example: { planId: '2', months: 12, periods: 1 },
  },
};
