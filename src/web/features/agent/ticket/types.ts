import type { BodyOf, ItemOf, ResponseOf } from '../../../app/api';

/** What the API answers, from the generated schema: a contract change breaks compilation here. */
export type TTicket = ResponseOf<'getTicket'>;
export type TMessage = ItemOf<'listTicketMessages'>;
export type TStatus = TTicket['status'];
/** Request bodies as sent (ids as strings), not as the server parses them. */
export type TUpdateTicket = BodyOf<'updateTicket'>;
export type TCreateMessage = BodyOf<'addTicketMessage'>;
export type TicketEvent = ItemOf<'listTicketEvents'>;
export type TicketView = ItemOf<'listTicketViews'>;
export type Department = ItemOf<'listDepartments'>;
export type TicketType = ItemOf<'listTicketTypes'>;
export type Tag = ItemOf<'listTags'>;
export type Agent = Pick<ItemOf<'listUsers'>, 'id' | 'name' | 'username' | 'role' | 'away'>;
export type Direction = TMessage['direction'];
