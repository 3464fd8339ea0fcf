import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';

export interface LiveEvent {
  type: 'ticket.created' | 'ticket.updated' | 'message.created' | 'message.delivery' | string;
  number?: number;
  messageId?: string;
}

type Listener = (e: LiveEvent) => void;
const listeners = new Set<Listener>();

/** Subscribes a component to live ticket events (new tickets, replies, changes). */
export function useLiveEvent(listener: Listener) {
  useEffect(() => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [listener]);
}

/**
 * Keeps one Server-Sent Events stream open while signed in. Every event refreshes the queries
 * it can change (lists, the ticket, the dashboard), so pages update without a reload.
 * EventSource reconnects by itself (the server sends `retry: 3000`).
 */
export function useLiveStream(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events/stream', { withCredentials: true });
    const handle = (msg: MessageEvent) => {
      let e: LiveEvent;
      try {
        e = JSON.parse(msg.data) as LiveEvent;
      } catch {
        return;
      }
      // A reply's mail delivery changes only that ticket's thread, nothing in lists or counters.
      if (e.type !== 'message.delivery') {
        void qc.invalidateQueries({ queryKey: ['tickets'] });
        void qc.invalidateQueries({ queryKey: ['dashboard'] });
      }
      if (e.number !== undefined) void qc.invalidateQueries({ queryKey: ['ticket', e.number] });
      for (const l of listeners) l(e);
    };
    for (const type of ['ticket.created', 'ticket.updated', 'message.created', 'message.delivery'])
      source.addEventListener(type, handle);
    return () => source.close();
  }, [enabled, qc]);
}
