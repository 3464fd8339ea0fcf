import type { z } from 'zod';
import type { ZCreateMessage, ZTicketEvent, ZTicketView, ZUpdateTicket } from '../../../../contracts/tickets';
import type { ZDepartment, ZTag, ZTicketType } from '../../../../contracts/organisation';
import type { TUser } from '../../../../contracts/people';

export type { TTicket, TMessage, TStatus } from '../../../../contracts/tickets';
/** Request bodies as sent (ids as strings), not as the server parses them. */
export type TUpdateTicket = z.input<typeof ZUpdateTicket>;
export type TCreateMessage = z.input<typeof ZCreateMessage>;
export type TicketEvent = z.infer<typeof ZTicketEvent>;
export type TicketView = z.infer<typeof ZTicketView>;
export type Department = z.infer<typeof ZDepartment>;
export type TicketType = z.infer<typeof ZTicketType>;
export type Tag = z.infer<typeof ZTag>;
export type Agent = Pick<TUser, 'id' | 'name' | 'username' | 'role'>;
export type Direction = 'rtl' | 'ltr' | 'auto';
