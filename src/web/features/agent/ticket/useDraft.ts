import { useEffect, useState } from 'react';

const key = (n: number) => `pishkhan.draft.${n}`;

/** The unsent text of a ticket survives moving to the next ticket and back (this tab only). */
export function useDraft(ticketNumber: number) {
  const [body, setBody] = useState(() => {
    try {
      return sessionStorage.getItem(key(ticketNumber)) ?? '';
    } catch {
      return '';
    }
  });
  useEffect(() => {
    try {
      if (body) sessionStorage.setItem(key(ticketNumber), body);
      else sessionStorage.removeItem(key(ticketNumber));
    } catch {
      /* storage full or blocked: the draft stays in memory only */
    }
  }, [ticketNumber, body]);
  return [body, setBody] as const;
}
