import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of merging and linking tickets (K9), spread into ticketsApiDocs. */
export const ticketMergeApiDocs: ApiDocs = {
  'POST /tickets/:number/merge': {
    operationId: 'mergeTicket',
    summary: 'Merge a ticket into another',
    description:
      "Staff with tickets.edit who may see both tickets. Moves every reply and note (with their attachments and times), the event log, the followers and other participants, the tags, the copies and the links of ticket {number} into ticket `into`; the target's counters, clocks and search text are recomputed and it gets a system note; the source is closed and answers `mergedInto` from then on. The source's requester, when another person, is shared on (customers) or follows (staff) the target and is copied; a guest of the source keeps using its tracking link, which now opens the target, and e-mail replies to the source's thread land on the target. 400 for a merge into itself, an unknown target, or between an internal and a non-internal ticket; 409 when the source is already merged or deleted, or the target is merged or deleted; 423 when either is locked. Answers the target.",
    errors: [423],
    example: { into: 1042 },
  },
  'POST /tickets/:number/links': {
    operationId: 'linkTicket',
    summary: 'Link two tickets',
    description:
      "Staff with tickets.edit who may see both tickets. kind is read from ticket {number}'s side: related, duplicate_of (this ticket repeats the other) or duplicated_by, parent_of (the other is part of this one) or child_of. Both tickets show the link (each from its own side) and log it. 400 for a link to itself, to an unknown or merged ticket; 409 when the two are already linked (in either direction). Answers ticket {number}.",
    example: { number: 1043, kind: 'duplicate_of' },
  },
  'DELETE /tickets/:number/links/:otherNumber': {
    operationId: 'unlinkTicket',
    summary: 'Remove the link between two tickets',
    description:
      'Staff with tickets.edit who may see both tickets. Removes the link between ticket {number} and ticket {otherNumber}, whichever side made it; both stop showing it. 404 when they are not linked. Answers ticket {number}.',
  },
};
