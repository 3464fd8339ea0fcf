import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the live module's operations (platform/http/api-docs.ts). */
export const liveApiDocs: ApiDocs = {
  'GET /events/stream': {
    operationId: 'streamEvents',
    produces: 'text/event-stream',
    summary: 'Stream live ticket events',
    description:
      'Any signed-in person may open this Server-Sent Events stream. It starts with a "connected" event, then sends "ticket.created", "ticket.updated", "message.created" and (to staff only) "message.delivery" for the tickets the caller may see, as { type, number } plus messageId for message events: never any content, so refetch through the API; customers never hear of internal tickets or notes, and a "resync" event means events may have been missed and everything shown should be refetched. A ": ping" comment comes every 25 seconds and the server ends each stream after about 15 minutes (the client reconnects after 3 s, which also re-reads the caller\'s groups and departments). One person may hold at most 10 streams at once (LIVE_STREAMS_PER_PERSON) and a server process about 5,000: beyond that, or while the server shuts down, the answer is 429 with Retry-After.',
    errors: [429],
  },
};
