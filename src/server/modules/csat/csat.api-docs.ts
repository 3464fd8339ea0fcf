import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the satisfaction survey's operations (platform/http/api-docs.ts). */
export const csatApiDocs: ApiDocs = {
  'GET /public/csat/:token': {
    operationId: 'getCsatSurvey',
    summary: 'Get a satisfaction survey by its link',
    description:
      'Public: the token of the link mailed (or texted) after the ticket closed is the only credential. Answers the ticket number and subject, the workspace’s name and logo, whether it was answered and the rating if so — nothing else. An unknown token is 404; a link older than 30 days is 410; at most 30 survey requests per 10 minutes per address (429).',
    errors: [410, 429],
  },
  'POST /public/csat/:token': {
    operationId: 'answerCsatSurvey',
    summary: 'Answer a satisfaction survey',
    description:
      'Public, with the link’s token. `rating` 1 (very dissatisfied) to 5 (very satisfied) is taken once — the e-mail’s one-click links send it as the page opens; the same rating again with `comment` adds or changes the comment within 7 days of the answer (409 after); a different rating once answered is 409. The first answer is logged on the ticket and sent to webhooks as `csat.answered`. Unknown token 404, older than 30 days 410, the same per-address limit as reading (429). Answers as getCsatSurvey.',
    errors: [409, 410, 429],
    example: { rating: 5, comment: 'پاسخ سریع و دقیق بود، ممنون.' },
  },
};

export const csatApiTag = {
  name: 'csat',
  description:
    'Satisfaction surveys (K5): the public page behind the link a requester gets after the ticket closes — read it, rate 1–5 once, add a comment.',
};
