/** Public surface of Web Push (G1). */
export { pushRoutes } from './push.routes';
export { pushApiDocs } from './push.api-docs';
export { vapidKeys, vapidSubject, type VapidKeys } from './vapid';
export {
  fitPayload,
  MAX_PAYLOAD_BYTES,
  sendPush,
  type PushOptions,
  type PushResult,
  type PushTarget,
} from './send-push';
export { deleteGoneSubscription, MAX_PUSH_SUBSCRIPTIONS, recordPushSuccess } from './subscriptions';
