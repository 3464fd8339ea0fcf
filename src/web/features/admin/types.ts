import type { ItemOf, ResponseOf } from '../../app/api';

/** What the API returns, as generated from its OpenAPI document (a contract change breaks compilation). */
export type User = ItemOf<'listUsers'>;
export type AccessLevel = ItemOf<'listAccessLevels'>;
export type Group = ItemOf<'listGroups'>;
export type Department = ItemOf<'listDepartments'>;
export type OrgUnit = ItemOf<'listOrgUnits'>;
export type Tag = ItemOf<'listTags'>;
export type TicketType = ItemOf<'listTicketTypes'>;
export type SettingsData = ResponseOf<'getSettings'>;
export type Mailbox = ItemOf<'listMailboxes'>;
export type MailboxTestResult = ResponseOf<'testMailbox'>;
export type DirectionResult = MailboxTestResult['inbound'];
export type QuarantinedMail = ItemOf<'listQuarantine'>;
export type RetryResult = ResponseOf<'retryQuarantinedMessage'>;
