import type { ApiDocs } from '../../../platform/http/api-docs';

/** The OpenAPI texts of the Web Push operations (platform/http/api-docs.ts). */
export const pushApiDocs: ApiDocs = {
  'GET /public/push-key': {
    operationId: 'getPushKey',
    summary: 'Get the Web Push public key',
    description:
      'Public: no sign-in needed. Answers the installation’s VAPID public key (RFC 8292, base64url of the uncompressed P-256 point), which a browser passes as `applicationServerKey` to `PushManager.subscribe()`. The key is made once per installation and never changes by itself. Like every public operation it answers for the workspace of the host name or the x-workspace header: 404 when that workspace is unknown.',
    errors: [404],
  },
  'GET /me/push-subscriptions': {
    operationId: 'listPushSubscriptions',
    summary: 'List my browsers that receive push notifications',
    description:
      'Any signed-in person: their own Web Push subscriptions in this workspace, newest first (at most 20), each with the push service’s host, the browser’s user agent when it registered, and when a notification last reached it. The endpoint itself and its keys are never answered.',
  },
  'POST /me/push-subscriptions': {
    operationId: 'createPushSubscription',
    summary: 'Register this browser for push notifications',
    description:
      'Any signed-in person. Send the browser’s `PushSubscription.toJSON()`: `endpoint` must be an https URL; `keys.p256dh` the base64url of a 65-byte P-256 public key and `keys.auth` of 16 bytes (400 otherwise). Registering an endpoint that is already registered — by the caller or by someone who used the browser before — updates that one subscription and gives it to the caller, with the same id. A person keeps at most 20 subscriptions: registering one more drops the oldest. Answers the subscription’s id (201).',
    example: {
      endpoint: 'https://fcm.googleapis.com/fcm/send/dXJsLXNhZmUtZW5kcG9pbnQ',
      keys: {
        p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
        auth: 'tBHItJI5svbpez7KI4CCXg',
      },
    },
  },
  'DELETE /me/push-subscriptions/:id': {
    operationId: 'deletePushSubscription',
    summary: 'Stop push notifications to one of my browsers',
    description:
      'Any signed-in person, for their own subscriptions only: someone else’s, or a missing one, is 404. The browser stops receiving notifications from this workspace (answers 204).',
  },
};
