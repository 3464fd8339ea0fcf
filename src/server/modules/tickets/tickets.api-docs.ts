import type { ApiDocs } from '../../platform/http/api-docs';
import { ticketMergeApiDocs } from './ticket-merge.api-docs';

/** The OpenAPI texts of the tickets module's operations (platform/http/api-docs.ts). */
export const ticketsApiDocs: ApiDocs = {
  'GET /tickets': {
    operationId: 'listTickets',
    summary: 'List tickets',
    description:
      'Any signed-in person, within what they may see: customers their own tickets, those shared with them and those of their groups (never internal ones); agents their departments\' tickets (all with tickets.view_all) and those assigned to, followed by or addressed to them; a customer whose ticket access is switched off gets 403. Filters: status, priority and departmentId (repeated or comma-separated), assigneeId (an id, "me" or "none"), requesterId, typeId, tag (a name), email (prefix of the requester\'s address), createdFrom/createdTo (an instant, or a day of the workspace time zone), q (a ticket number such as "#1042", or words of the subject and replies, and of notes for staff); includeDeleted, deletedOnly and internal are for staff only. Sorted by sort (staff default: longest waiting first; customers: newest first), pinned tickets first unless pinnedFirst=false. total is exact up to a cap of at least 1,000 (totalExact false beyond it) and may lag other servers\' changes by up to 10 seconds.',
  },
  'POST /tickets': {
    operationId: 'createTicket',
    summary: 'Open a ticket',
    description:
      'A customer opens a ticket for themselves in a visible, non-internal department; staff need tickets.create and, without tickets.view_all, may open one only in their own departments unless it is internal. Only staff may set requesterId or requesterGroupId (one of them), internal, status, pinned, assigneeIds, tags and bcc (400 for a customer); a ticket staff open for a customer is pending by default and its first message is mailed to the customer. attachmentIds are up to 3 ids from POST /api/v1/uploads; the body is HTML and is sanitised. Send an Idempotency-Key to make retries safe.',
    example: {
      subject: 'چاپگر طبقه دوم کار نمی‌کند',
      body: '<p>از صبح امروز چاپگر طبقه دوم هیچ برگه‌ای چاپ نمی‌کند و چراغ خطا روشن است.</p>',
      departmentId: '3',
      priority: 'high',
      cc: ['reza.karimi@example.ir'],
      attachmentIds: ['118'],
      direction: 'rtl',
    },
  },
  'POST /tickets/bulk': {
    operationId: 'bulkUpdateTickets',
    summary: 'Apply one action to many tickets',
    description:
      'Needs tickets.bulk, and for each action the permission it needs on its own (status and lock: tickets.edit, checked up front; priority: tickets.edit, transfer: tickets.transfer, assign: tickets.assign, delete and restore: tickets.delete, checked per ticket). Runs the action on up to 500 ticket numbers, each in its own transaction, so that one failure (not found, not allowed) does not undo the others. value is a status or a priority, "unlock" for lock to unlock, or { departmentId, assigneeId } for transfer and assign (assigneeId null unassigns); the answer lists the numbers done and the ones that failed, each with its error code and message.',
    example: { numbers: [1042, 1043, 1047], action: 'status', value: 'closed' },
  },
  'GET /tickets/:number': {
    operationId: 'getTicket',
    summary: 'Get a ticket',
    description:
      'Any signed-in person who may see the ticket (otherwise 404, as if it did not exist); the number may be written with a leading "#". Staff also see deleted tickets, bcc and the note count. Each opening is recorded in the ticket\'s view log (once a minute per person at most).',
  },
  'PATCH /tickets/:number': {
    operationId: 'updateTicket',
    summary: 'Change a ticket',
    description:
      "Staff change fields by permission: subject, body, typeId, priority, status, pinned and tags need tickets.edit, departmentId tickets.transfer, assigneeIds and followerIds tickets.assign. A customer who requested the ticket may only close it (not once it is locked: 423) and share it with other customers (sharedWithIds); any viewer may set notify false to stop notifications. Lists replace the whole list; each change is written to the ticket's event log and the answer is the ticket as it is now.",
    errors: [423],
    example: { status: 'pending', priority: 'high', assigneeIds: ['12'], tags: ['چاپگر', 'سخت‌افزار'] },
  },
  'DELETE /tickets/:number': {
    operationId: 'deleteTicket',
    summary: 'Delete a ticket',
    description:
      'Needs tickets.delete. A soft delete: the ticket leaves every list and customers no longer see it, staff can still open it and list it with includeDeleted, and POST /api/v1/tickets/{number}/restore brings it back. An agent cannot delete a ticket they opened themselves (403).',
  },
  'POST /tickets/:number/restore': {
    operationId: 'restoreTicket',
    summary: 'Restore a deleted ticket',
    description: 'Needs tickets.delete. Brings a deleted ticket back as it was; 409 when the ticket is not deleted.',
    errors: [409],
  },
  'POST /tickets/:number/assign-to-me': {
    operationId: 'assignTicketToMe',
    summary: 'Assign a ticket to yourself',
    description:
      'Any staff member who may see the ticket. Adds the caller to its assignees, keeping those already there (nothing changes when the caller is one of them), and answers the ticket.',
  },
  'POST /tickets/:number/followers/me': {
    operationId: 'followTicket',
    summary: 'Follow a ticket',
    description:
      "Any staff member who may see the ticket. Adds the caller to its followers, who see it and get its live events even outside their departments; nobody else's following changes. Answers the ticket.",
  },
  'DELETE /tickets/:number/followers/me': {
    operationId: 'unfollowTicket',
    summary: 'Stop following a ticket',
    description:
      'Any staff member who may see the ticket. Removes only the caller from its followers and answers the ticket.',
  },
  'GET /tickets/:number/messages': {
    operationId: 'listTicketMessages',
    summary: 'List the messages of a ticket',
    description:
      'Any signed-in person who may see the ticket. Answers the whole thread in order, not paged: customers see replies only; staff also see internal notes, bcc and how mailing each reply went (delivery), also on deleted tickets.',
  },
  'POST /tickets/:number/messages': {
    operationId: 'addTicketMessage',
    summary: 'Reply to a ticket or add a note',
    description:
      'Whoever may see the ticket may reply (staff need tickets.reply); internal notes (kind "note") are for staff with tickets.note, and statusAfter and bcc are for staff only. A customer\'s reply makes the ticket active; a staff reply sets statusAfter (default pending), gets the agent\'s signature unless signature is false, and is mailed to the requester; a reply reopens a closed ticket and notes change no status. A locked ticket takes nothing (423); with lastSeenMessageId, a reply while others wrote newer messages is refused with 409 carrying those messages in details.messages, unless force is true.',
    errors: [409, 423],
    example: {
      body: '<p>سلام، کارتریج چاپگر تعویض شد. لطفاً دوباره امتحان کنید.</p>',
      kind: 'reply',
      statusAfter: 'pending',
      attachmentIds: [],
      direction: 'rtl',
      lastSeenMessageId: '5531',
    },
  },
  'PATCH /tickets/:number/messages/:id': {
    operationId: 'editTicketNote',
    summary: 'Edit an internal note',
    description:
      "Staff only, and only the author of the note: replies cannot be edited (403), nor anyone else's notes. Replaces the note's HTML body (sanitised) and optionally its direction; the ticket's search text and event log follow.",
    example: { body: '<p>با واحد پشتیبانی چاپگر هماهنگ شد؛ فردا صبح مراجعه می‌کنند.</p>', direction: 'rtl' },
  },
  'DELETE /tickets/:number/messages/:id': {
    operationId: 'deleteTicketNote',
    summary: 'Delete an internal note',
    description:
      'Staff only, and only the author of the note; replies cannot be deleted (403). The note leaves the thread and the search text; its attachments are unlinked from the ticket, and the event log records the deletion.',
  },
  'GET /tickets/:number/events': {
    operationId: 'listTicketEvents',
    summary: 'List the event log of a ticket',
    description:
      'Needs tickets.view_logs and sight of the ticket (deleted ones included). Answers what happened to it, oldest first, at most 5,000 entries: creation, replies and notes, changes of status, priority, department, assignees and the like, each with who did it and its data.',
  },
  'GET /tickets/:number/views': {
    operationId: 'listTicketViews',
    summary: 'List who viewed a ticket',
    description:
      'Needs tickets.view_logs and sight of the ticket (deleted ones included). Answers who opened the ticket and when, newest first, at most 1,000 entries; views by administrators are shown to administrators only.',
  },
  'GET /dashboard/status-series': {
    operationId: 'getStatusSeries',
    summary: 'Get tickets opened per day by status',
    description:
      "Staff only. For each of the last days (1-90, default 14) calendar days in tz (an IANA time zone, by default the workspace's), the tickets opened that day in the caller's departments (all with tickets.view_all), split by the status they have now; days without tickets count zero.",
  },
  'GET /dashboard': {
    operationId: 'getDashboard',
    summary: 'Get the dashboard counters',
    description:
      "Any signed-in person; the counters depend on the role. A customer gets awaitingMe (their tickets waiting for their answer) and myOpen; staff get the active and pending tickets of their departments, their own, the unassigned active ones and those opened today (the workspace's day). Staff counters may be up to 10 seconds old; a customer whose ticket access is off gets 403.",
  },
  'POST /uploads': {
    operationId: 'uploadFile',
    multipart: { file: 'The file.' },
    summary: 'Upload an attachment',
    description:
      'Any signed-in person, while attachments are enabled (403 otherwise). Send one file in the part "file": PDF, Office, image, ZIP, RAR or plain text, its type taken from its bytes, up to the members\' upload limit (staff: the larger system limit). Name the answered id in attachmentIds of a ticket or reply; until then only the uploader can download it, and unclaimed uploads are removed after a day. At most 20 uploads per 10 minutes and 100 MB a day per person (429 with Retry-After).',
    errors: [413, 415, 429],
  },
  'GET /attachments/:id': {
    operationId: 'downloadAttachment',
    produces: 'application/octet-stream',
    summary: 'Download an attachment',
    description:
      "Any signed-in person who may see the ticket of the message that carries it; a note's attachment only staff, an upload not yet attached only its uploader, and anyone else gets 404 as for an id that does not exist. Answered as a download with its stored type and file name.",
  },
  'POST /public/uploads': {
    operationId: 'uploadGuestFile',
    multipart: { file: 'The file.' },
    summary: 'Upload an attachment as a guest',
    description:
      'Public, for the guest form of the workspace of the host name or x-workspace header; 403 when the guest form, guest attachments or attachments are switched off. Send one file in the part "file" (the same types as POST /uploads, up to the guest upload limit); the answered id carries a claim token and is what createGuestTicket and addGuestMessage take in attachmentIds. At most 20 uploads per 10 minutes and 100 MB a day per address (429 with Retry-After).',
    errors: [403, 404, 413, 415, 429],
  },
  'POST /public/tickets': {
    operationId: 'createGuestTicket',
    summary: 'Open a ticket as a guest',
    description:
      "Public: the website's guest form, for the workspace of the host name or x-workspace header (403 when the form is switched off); a session sent along is ignored. Opens a ticket in a department offered on the form and answers its number and a tracking code (12 characters, shown as XXXX-XXXX-XXXX), which getGuestTicket and addGuestMessage need; the number, code and link are also e-mailed to the guest at once (resendGuestLink sends them again). At most 5 tickets per 10 minutes per address and 5 per hour per e-mail address (429); send an Idempotency-Key to make retries safe.",
    errors: [403, 404, 429],
    example: {
      name: 'مریم احمدی',
      email: 'maryam.ahmadi@example.com',
      subject: 'چاپگر طبقه دوم کار نمی‌کند',
      body: '<p>سلام، چاپگر طبقه دوم از دیروز کاغذ را گیر می‌اندازد.</p>',
      departmentId: '2',
      attachmentIds: [],
      direction: 'rtl',
    },
  },
  'GET /public/tickets/:number': {
    operationId: 'getGuestTicket',
    summary: 'Get a guest ticket by its tracking code',
    description:
      "Public: the tracking code in ?code= is the only credential. Answers the guest ticket with its replies (never notes), attachment links carrying the code. A wrong or missing code, a deleted ticket and a member's ticket are all 404 like an unknown number; at most 120 lookups per 10 minutes per address (429).",
    errors: [429],
  },
  'POST /public/tickets/:number/messages': {
    operationId: 'addGuestMessage',
    summary: 'Reply to a guest ticket',
    description:
      "Public, with the tracking code in ?code= (404 when wrong). Adds the guest's reply, which makes the ticket active again and reopens a closed one; a locked ticket takes nothing (423). Attachments are guest uploads (POST /public/uploads), allowed only while guest attachments are on; at most 10 replies per 10 minutes per address and per ticket (429).",
    errors: [423, 429],
    example: {
      body: '<p>ممنون، مشکل برطرف شد.</p>',
      attachmentIds: [],
      direction: 'rtl',
    },
  },
  'POST /public/tickets/:number/resend-link': {
    operationId: 'resendGuestLink',
    summary: 'E-mail a guest its tracking link again',
    description:
      "Public, with the ticket's tracking code in the body (either format: the 12-character code in any case, with or without dashes and spaces, Persian or Arabic digits; or an older 24-character code). Queues a mail with the ticket number, the tracking code and a link to the guest ticket page, in the caller's language (Accept-Language), to the e-mail address the ticket was opened with; the caller cannot choose the address. A wrong code, a deleted or member's ticket and an unknown number are all 404, as for getGuestTicket; with the right code the answer is always 202. At most 10 requests per hour per address (counted before the code is checked), and 3 per ticket and 5 per e-mail address per hour (429 with Retry-After); the lookup also counts toward the 120 lookups per 10 minutes per address.",
    errors: [404, 429],
    success: { status: 202, description: 'Accepted: the mail is queued.' },
    example: { code: 'K7QM-4XWD-9JRT' },
  },
  'GET /public/tickets/:number/attachments/:id': {
    operationId: 'downloadGuestAttachment',
    produces: 'application/octet-stream',
    summary: 'Download an attachment of a guest ticket',
    description:
      'Public, with the tracking code in ?code=. Answers an attachment of a reply on that guest ticket as a download (never one of a note); anything else is 404. Counts toward the 120 lookups per 10 minutes per address (429).',
    errors: [429],
  },
  ...ticketMergeApiDocs,
};
