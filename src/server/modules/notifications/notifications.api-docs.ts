import type { ApiDocs } from '../../platform/http/api-docs';

const admin = 'Needs the settings.manage permission (administrators).';

/** The OpenAPI texts of the notifications and SMS gateway operations (platform/http/api-docs.ts). */
export const notificationsApiDocs: ApiDocs = {
  'GET /me/notification-settings': {
    operationId: 'getNotificationSettings',
    summary: 'Get my notification settings',
    description:
      'Any signed-in person. The filter on senders (seed 004: `all`, `blacklist` — everyone but userIds — or `whitelist` — only userIds; an empty whitelist silences every sender; it applies to events caused by customers and guests), the channels (e-mail, SMS, Web Push; in-app notifications are always kept) and the events wanted. Defaults until changed: every channel and, for staff, every staff event.',
  },
  'PUT /me/notification-settings': {
    operationId: 'updateNotificationSettings',
    summary: 'Change my notification settings',
    description:
      'Any signed-in person. Any part may be sent (filter, channels, events, or single booleans of them); what is left out stays. The people of a filter must be people of this workspace (400 otherwise).',
    example: {
      filter: { mode: 'whitelist', userIds: ['12'] },
      channels: { sms: false },
      events: { customerReplied: true },
    },
  },
  'GET /me/notification-filter': {
    operationId: 'getNotificationFilter',
    summary: 'Get my notification filter',
    description: 'Any signed-in person: the filter of the notification settings alone, with the channels.',
  },
  'PUT /me/notification-filter': {
    operationId: 'updateNotificationFilter',
    summary: 'Set my notification filter',
    description:
      'Any signed-in person: mode and userIds replace the filter; channels, when sent, change those channels. A whitelist with no people silences every customer and guest.',
    example: { mode: 'blacklist', userIds: ['34'], channels: { email: true, sms: false, push: true } },
  },
  'GET /notifications': {
    operationId: 'listNotifications',
    summary: 'List my notifications',
    description:
      'Any signed-in person: their in-app notifications (the bell), newest first, paged; `unread=true` for the unread ones only. `unread` in the answer is the unread count (up to 1,000). New ones arrive live as `notification.created` events on the event stream.',
  },
  'POST /notifications/read': {
    operationId: 'markNotificationsRead',
    summary: 'Mark notifications read',
    description:
      'Any signed-in person: `{ ids }` marks those of their own notifications read, `{ all: true }` every one. Answers how many changed and the unread count left.',
    example: { all: true },
  },
  'GET /deliveries': {
    operationId: 'listDeliveries',
    summary: 'List outgoing notifications',
    description: `${admin} Every e-mail, SMS and Web Push notification the workspace sent or tried to, newest first: to whom, status (queued, sent, delivered, failed, skipped) with the reason (filter, no_credit, no_address, the vendor's error code), attempts, and for SMS its parts, price and vendor. Filter by channel, status (repeatable) and ticket number.`,
  },
  'GET /sms-gateway': {
    operationId: 'getSmsGateway',
    summary: 'Get the SMS gateway',
    description: `${admin} The workspace's SMS vendor (Kavenegar, SMS.ir, Melipayamak, Ghasedak, or log for development), its sender line and whether customers get status SMS. Secrets are never answered: hasApiKey and hasPassword say whether they are set. configured: false when the workspace uses the platform's gateway.`,
  },
  'PUT /sms-gateway': {
    operationId: 'putSmsGateway',
    summary: 'Set the SMS gateway',
    description: `${admin} Secrets are write-only and kept sealed: left out or null keeps the stored one (for the same vendor), an empty string clears it. Kavenegar, SMS.ir and Ghasedak need apiKey; Melipayamak username and password. Written to the audit log (without secrets).`,
    example: { provider: 'kavenegar', sender: '10004346', apiKey: '…', customerStatusSms: true },
  },
  'POST /sms-gateway/test': {
    operationId: 'testSmsGateway',
    summary: 'Send a test SMS',
    description: `${admin} Sends one short message to the mobile number now, through the workspace's gateway, and answers what the vendor said (its error code such as invalid_key, no_vendor_credit, invalid_number). The message is recorded in the deliveries log and paid from the SMS credit like any other (skipped with no_credit when charging is on and the balance is short).`,
    example: { mobile: '09121234567' },
  },
};
