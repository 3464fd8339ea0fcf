import { useEffect, useState } from 'react';
import type { Direction } from './types';

/** An unsent message of one agent in one ticket, as kept in the browser. */
export interface Draft {
  body: string;
  kind: 'reply' | 'note';
  direction: Direction;
  /** The newest message the agent had seen when it began writing (C14), so a reload keeps the collision check. */
  seenId: string | null;
}

const PREFIX = 'pishkhan.draft.';
/** Drafts nobody came back to for a month are dropped. */
const MAX_AGE_MS = 30 * 24 * 3600_000;

/** Per person and ticket: two tickets' drafts never mix, nor two people's on a shared computer. */
export const draftKey = (userId: string, ticketNumber: number) => `${PREFIX}${userId}.${ticketNumber}`;

export function readDraft(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft> & { at?: number };
    if (typeof d.body !== 'string' || !d.body || Date.now() - (d.at ?? 0) > MAX_AGE_MS) {
      localStorage.removeItem(key);
      return null;
    }
    return {
      body: d.body,
      kind: d.kind === 'note' ? 'note' : 'reply',
      direction: d.direction === 'rtl' || d.direction === 'ltr' ? d.direction : 'auto',
      seenId: typeof d.seenId === 'string' ? d.seenId : null,
    };
  } catch {
    return null;
  }
}

export function clearDraft(key: string) {
  try {
    localStorage.removeItem(key);
  } catch {
    /* storage blocked: nothing was kept */
  }
}

/** The draft of `key` as it was when the page opened (read once). */
export function useSavedDraft(key: string): Draft | null {
  const [initial] = useState(() => readDraft(key));
  return initial;
}

/**
 * Keeps `draft` in the browser whenever it changes: the text survives leaving the page, a reload
 * and a closed tab; an empty text removes it.
 */
export function useKeepDraft(key: string, { body, kind, direction, seenId }: Draft) {
  useEffect(() => {
    try {
      if (body) localStorage.setItem(key, JSON.stringify({ body, kind, direction, seenId, at: Date.now() }));
      else localStorage.removeItem(key);
    } catch {
      /* storage full or blocked: the draft stays in memory only */
    }
  }, [key, body, kind, direction, seenId]);
}
