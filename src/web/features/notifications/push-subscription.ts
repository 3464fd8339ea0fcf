/**
 * Web Push in this browser (G1): the service worker (/sw.js) shows what the server sends; these
 * functions ask the person's permission, subscribe with the install's VAPID key and register the
 * subscription with the server, or undo it all.
 */
import { call } from '../../app/api';

export type PushState = 'unsupported' | 'denied' | 'subscribed' | 'unsubscribed';

const WORKER = '/sw.js';

export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    window.isSecureContext &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

async function existing(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** What this browser does now: unsupported, blocked by the person, subscribed or not. */
export async function pushState(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  if (Notification.permission !== 'granted') return 'unsubscribed';
  return (await existing()) ? 'subscribed' : 'unsubscribed';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const x = new Uint8Array(a);
  return x.every((v, i) => v === b[i]);
}

/** Registers the browser's subscription with the server (idempotent: one row per endpoint); answers its id. */
async function register(subscription: PushSubscription): Promise<string> {
  const json = subscription.toJSON();
  const { id } = await call('createPushSubscription', {
    body: { endpoint: subscription.endpoint, keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } },
  });
  return id;
}

/**
 * Asks permission (call it from a click), subscribes this browser and registers it for the
 * signed-in person. Also repairs a subscription made with an older key or by someone else.
 */
export async function subscribeToPush(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission === 'denied') return 'denied';
  if (permission !== 'granted') return 'unsubscribed';
  await navigator.serviceWorker.register(WORKER, { scope: '/' });
  const registration = await navigator.serviceWorker.ready;
  const key = keyBytes((await call('getPushKey')).publicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await register(subscription);
  return 'subscribed';
}

/** Stops notifications to this browser: the server forgets it, then the browser unsubscribes. */
export async function unsubscribeFromPush(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  const subscription = await existing();
  if (!subscription) return 'unsubscribed';
  // Registering again answers the one row of this endpoint (and makes it the caller's): its id
  // is always current, where a remembered one may be stale after the row moved or was dropped.
  const id = await register(subscription);
  await call('deletePushSubscription', { path: { id } });
  await subscription.unsubscribe();
  return 'unsubscribed';
}
