/** Public surface of the tickets module. */
export { ticketsRoutes } from './tickets.routes';
export { attachmentsRoutes } from './attachments.routes';
export { publicTicketsRoutes } from './public-tickets.routes';
export { dropStaleNotifications, ticketsJobs, type TicketNotification } from './jobs';
export { addMessage } from './add-message';
export { createTicket } from './create-ticket';
export { updateTicket } from './update-ticket';
export {
  LIST_COLUMNS,
  TICKET_COLUMNS,
  findVisibleTicket,
  visibleTo,
  isStaffActor,
  requireTicketAccess,
  seesAllDepartments,
  type ListRow,
  type TicketRow,
} from './ticket-access';
export { attachmentUrl, ticketDetails } from './ticket-details';
export { lookupsFor, toListItem } from './ticket-mapper';
export {
  EVENTS_CHANNEL,
  NOTIFY_QUEUE,
  announce,
  flushOutbox,
  logTicketEvent,
  notifyLive,
  queueNotification,
  addTicketEventSink,
  type LiveEvent,
  type TicketEvent,
  type TicketEventSink,
} from './ticket-events';
// The one write path (issue 11): every writer of tickets — HTTP, guests, mail intake, .eml import.
export { appendMessage, lockTicket, statusAfterMessage, TicketLocked } from './write/append-message';
export { changeTicket, setFollowing, type TicketChange } from './write/change-ticket';
export { editMessage, removeMessage } from './write/edit-message';
export { insertMessageRow, type MessageRow, type NewMessage } from './write/message-row';
export { openTicket, type NewTicket } from './write/open-ticket';
export { ticketsApiDocs } from './tickets.api-docs';
// K9: where a merged ticket now lives (mail intake follows it).
export { followMerged } from './ticket-links';
// Search and snippets, shared with the knowledge base (the same Persian normalisation).
export { queryWords, tsqueryTextOf } from './search-text';
export { markTerms, messageRegexOf, oneLine, snippetOf, termPatterns } from './search-snippet';
export { addDays, dayIn } from './workspace-days';
