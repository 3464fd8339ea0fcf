import type { ApiDocs } from '../../platform/http/api-docs';

/** A mailbox as the create form sends it, also the body of an unsaved connection test. */
const MAILBOX_EXAMPLE = {
  departmentId: '2',
  address: 'support@example.ir',
  displayName: 'پشتیبانی فنی',
  active: true,
  inbound: {
    protocol: 'imap',
    host: 'mail.example.ir',
    port: 993,
    tls: 'tls',
    username: 'support@example.ir',
    password: 'app-password-123',
    folder: 'INBOX',
    afterFetch: 'seen',
  },
  outbound: {
    host: 'smtp.example.ir',
    port: 587,
    tls: 'starttls',
    auth: true,
    username: 'support@example.ir',
    password: 'app-password-123',
  },
  fetchIntervalMinutes: 5,
};

/** The OpenAPI texts of the mail module's operations (platform/http/api-docs.ts). */
export const mailApiDocs: ApiDocs = {
  'GET /mailboxes': {
    operationId: 'listMailboxes',
    summary: 'List mailboxes',
    description:
      'Needs the mailboxes.manage permission. Answers the mailboxes of the workspace page by page, in the order they were created, optionally only those of one department (departmentId). Passwords never leave the server: each direction only says hasPassword; status shows the last fetch, its error and the next fetch.',
  },
  'POST /mailboxes': {
    operationId: 'createMailbox',
    summary: 'Create a mailbox',
    description:
      'Needs the mailboxes.manage permission. Creates the mailbox of a department, or without departmentId the workspace system account that sends notifications; each department, and the workspace, has at most one mailbox (400 on departmentId otherwise). Outbound SMTP is required (with username and password when auth is on); inbound IMAP or POP3 needs host, username and password, and afterFetch "move" works with IMAP only and needs moveToFolder. Passwords are stored encrypted; an inbound mailbox is fetched soon after, then every fetchIntervalMinutes.',
    example: MAILBOX_EXAMPLE,
  },
  'POST /mailboxes/test': {
    operationId: 'testMailboxSettings',
    summary: 'Test unsaved mailbox settings',
    description:
      'Needs the mailboxes.manage permission. Connects with the settings of the body (the create form, nothing is saved) both ways: logs in to the IMAP or POP3 server and to the SMTP server. A failed connection is not an error answer: the result says, per direction, whether it worked and where it failed (dns, blocked, connect, tls, auth, protocol) with the low-level code. Servers on local or private addresses are blocked unless the installation allows them.',
    example: MAILBOX_EXAMPLE,
  },
  'POST /mailboxes/fetch': {
    operationId: 'fetchMailboxes',
    summary: 'Fetch mail now',
    description:
      "Any staff member may call it. Queues an immediate fetch of one mailbox (mailboxId) or, without a body, of every active inbound mailbox the caller may refresh, and answers 202 with the ids queued; the mail arrives as tickets and replies shortly after. Mailbox managers and staff who see all departments reach every mailbox, others every mailbox when the workspace fetches all departments, else only their own departments' (a mailbox out of reach is 404 like a missing one).",
    example: { mailboxId: '3' },
  },
  'GET /mailboxes/:id': {
    operationId: 'getMailbox',
    summary: 'Get a mailbox',
    description:
      'Needs the mailboxes.manage permission. Answers one mailbox with its inbound and outbound settings (passwords only as hasPassword) and its fetch status.',
  },
  'PATCH /mailboxes/:id': {
    operationId: 'updateMailbox',
    summary: 'Change a mailbox',
    description:
      'Needs the mailboxes.manage permission. Only the fields sent change, also inside inbound and outbound; a password left out is kept and null clears it; the result must still be complete (same rules as on create). Changing inbound clears the last error and, when intake is on, schedules a fetch right away; the audit log names the fields changed, never their values.',
    example: { displayName: 'پشتیبانی فنی', inbound: { password: 'new-app-password' }, fetchIntervalMinutes: 10 },
  },
  'DELETE /mailboxes/:id': {
    operationId: 'deleteMailbox',
    summary: 'Delete a mailbox',
    description:
      'Needs the mailboxes.manage permission. Deletes the mailbox together with its fetch history and its quarantine; tickets and messages that came through it are kept. Written to the audit log.',
  },
  'POST /mailboxes/:id/test': {
    operationId: 'testMailbox',
    summary: 'Test a saved mailbox',
    description:
      'Needs the mailboxes.manage permission. Connects both ways with the stored settings, optionally with unsaved changes from the body over them (same shape as PATCH, nothing is saved; stored passwords are used where none is sent). The result says, per direction, whether it worked and where it failed; a failed connection is not an error answer.',
    example: { outbound: { port: 465, tls: 'tls' } },
  },
  'GET /mailboxes/:id/quarantine': {
    operationId: 'listQuarantine',
    summary: 'List quarantined mail of a mailbox',
    description:
      'Needs the mailboxes.manage permission. Answers, page by page and newest first, the messages intake took from this mailbox but could not import: reason "error" with its error text, or "locked" for an answer to a locked ticket (ticketNumber), which a retry appends once the ticket is unlocked. hasRaw says whether the original message is kept for download and retry.',
  },
  'GET /mailboxes/:id/quarantine/:entryId/raw': {
    operationId: 'getQuarantinedMessage',
    produces: 'message/rfc822',
    summary: 'Download a quarantined message',
    description:
      'Needs the mailboxes.manage permission. Answers the original message as it came from the mail server, as an .eml attachment to open in a mail program; 404 when the entry is not quarantined in this mailbox or its raw copy is gone.',
  },
  'POST /mailboxes/:id/quarantine/:entryId/retry': {
    operationId: 'retryQuarantinedMessage',
    summary: 'Retry importing a quarantined message',
    description:
      'Needs the mailboxes.manage permission. Imports the stored original again (after a fix or a changed setting) and answers the outcome (ticket, reply, ignored, duplicate, or quarantined again with the new error) with the ticket number. Once imported, the raw copy is dropped; 409 when it is no longer kept. Written to the audit log.',
    errors: [409],
  },
  'POST /tickets/import': {
    operationId: 'importTicketEmail',
    multipart: {
      departmentId: 'The department the new ticket goes to (sent before the file).',
      assigneeId: 'Optional: the staff member the new ticket is assigned to.',
      file: 'The saved e-mail (.eml, message/rfc822).',
    },
    summary: 'Import a saved e-mail as a ticket',
    description:
      'Needs the tickets.import permission. Send a multipart form with departmentId (an active department; without tickets.view_all one of your own), optionally assigneeId (an active staff member) and the .eml in "file", at most the larger upload limit of the workspace plus 40% for encoding (413 beyond). The sender becomes the requester (a customer found by e-mail, else a guest) and attachments follow the rules of mail intake; the answer is the new ticket (201). A message whose Message-ID is already on a ticket of the workspace is refused with 409 naming that ticket; an unreadable file is 400.',
    errors: [409, 413, 415],
  },
};
