import { useCallback, useEffect, useState } from 'react';
import { useLiveEvent, type LiveEvent } from '../../../app/live';

export type Change = 'new' | 'updated';
const SHOW_FOR_MS = 60_000;

/**
 * Remembers which tickets the live stream reported (created, replied, changed) for a minute,
 * so their rows can be marked; the list itself refreshes through the query invalidation.
 */
export function useLiveChanges() {
  const [changes, setChanges] = useState<Map<number, { kind: Change; at: number }>>(new Map());
  const [newCount, setNewCount] = useState(0);

  const onEvent = useCallback((e: LiveEvent) => {
    if (e.number === undefined || e.type === 'message.delivery') return;
    const kind: Change = e.type === 'ticket.created' ? 'new' : 'updated';
    if (kind === 'new') setNewCount((n) => n + 1);
    setChanges((prev) => {
      const next = new Map(prev);
      const old = next.get(e.number!);
      next.set(e.number!, { kind: old?.kind === 'new' ? 'new' : kind, at: Date.now() });
      return next;
    });
  }, []);
  useLiveEvent(onEvent);

  useEffect(() => {
    if (changes.size === 0) return;
    const timer = setInterval(() => {
      setChanges((prev) => {
        const now = Date.now();
        const next = new Map([...prev].filter(([, v]) => now - v.at < SHOW_FOR_MS));
        return next.size === prev.size ? prev : next;
      });
    }, 5_000);
    return () => clearInterval(timer);
  }, [changes.size]);

  const clearNew = useCallback(() => setNewCount(0), []);
  return { changes, newCount, clearNew };
}
