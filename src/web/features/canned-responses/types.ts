import type { BodyOf, ItemOf } from '../../app/api';

/** What the API answers, from the generated schema: a contract change breaks compilation here. */
export type CannedResponse = ItemOf<'listCannedResponses'>;
export type CannedBody = BodyOf<'createCannedResponse'>;
