import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { operationUrl } from './api/urls';

export interface LiveEvent {
  type:
    | 'ticket.created'
    | 'ticket.updated'
    | 'message.created'
    | 'message.delivery'
    | 'notification.created'
    | 'resync'
    | string;
  number?: number;
  messageId?: string;
}

type Listener = (e: LiveEvent) => void;
const listeners = new Set<Listener>();

/** Subscribes a component to live events (new tickets, replies, changes, notifications, and `resync`). */
export function useLiveEvent(listener: Listener) {
  useEffect(() => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [listener]);
}

/** The same outside React (tests). */
export const addLiveListener = (listener: Listener) => void listeners.add(listener);
export const removeLiveListener = (listener: Listener) => void listeners.delete(listener);

const TICKET_EVENTS = ['ticket.created', 'ticket.updated', 'message.created', 'message.delivery'];
/** A notification for the signed-in person's bell (the server sends it to its addressee only). */
export const NOTIFICATION_EVENT = 'notification.created';
/** The queries of the bell and the notifications page (features/notifications). */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
/** After the browser gave up on the stream (an error answer such as 503), a new one after this long. */
export const REOPEN_AFTER_MS = 5000;
const CLOSED = 2; // EventSource.CLOSED

/** What the live client needs of an EventSource (a fake one in tests). */
export interface LiveSource {
  readonly readyState: number;
  addEventListener(type: string, listener: (msg: MessageEvent) => void): void;
  close(): void;
}

/**
 * Refreshes the queries an event can change. `resync` — the server may have missed events —
 * refreshes every query, so that no screen stays stale.
 */
export function applyLiveEvent(qc: QueryClient, e: LiveEvent) {
  if (e.type === 'resync') {
    void qc.invalidateQueries();
  } else if (e.type === NOTIFICATION_EVENT) {
    // Only the bell and the notifications page: the ticket's own events refresh the rest.
    void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  } else {
    // A reply's mail delivery changes only that ticket's thread, nothing in lists or counters.
    if (e.type !== 'message.delivery') {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    }
    if (e.number !== undefined) void qc.invalidateQueries({ queryKey: ['ticket', e.number] });
  }
  for (const l of listeners) l(e);
}

/**
 * Keeps a live stream open until the returned function is called. The browser reconnects by
 * itself after a dropped connection (the server sends `retry: 3000`), but gives up after an
 * error answer (503 while the database is away): then a new stream is opened after a pause.
 * Whatever happened while disconnected was not heard, so every reconnection — and every
 * `resync` the server sends after its own link to the database came back — refreshes all queries.
 */
export function openLiveStream(qc: QueryClient, create: () => LiveSource, reopenAfterMs = REOPEN_AFTER_MS) {
  let source: LiveSource;
  let stopped = false;
  let heard = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const handle = (msg: MessageEvent) => {
    let e: LiveEvent;
    try {
      e = JSON.parse(msg.data) as LiveEvent;
    } catch {
      return;
    }
    applyLiveEvent(qc, e);
  };
  const open = () => {
    source = create();
    source.addEventListener('connected', () => {
      if (heard) applyLiveEvent(qc, { type: 'resync' });
      heard = true;
    });
    source.addEventListener('resync', () => applyLiveEvent(qc, { type: 'resync' }));
    for (const type of [...TICKET_EVENTS, NOTIFICATION_EVENT]) source.addEventListener(type, handle);
    source.addEventListener('error', () => {
      if (stopped || source.readyState !== CLOSED) return;
      source.close();
      timer = setTimeout(open, reopenAfterMs);
    });
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source.close();
  };
}

/**
 * Keeps one Server-Sent Events stream open while signed in. Every event refreshes the queries
 * it can change (lists, the ticket, the dashboard), so pages update without a reload.
 */
export function useLiveStream(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    return openLiveStream(qc, () => new EventSource(operationUrl('streamEvents'), { withCredentials: true }));
  }, [enabled, qc]);
}
