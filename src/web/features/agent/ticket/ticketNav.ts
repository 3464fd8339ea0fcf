/** Written by the ticket center: the order of the list the agent came from, for next/previous. */
export const NAV_KEY = 'pishkhan.ticketNav';
export const DEFAULT_LIST_URL = '/agent/tickets';

export interface TicketNav {
  numbers: number[];
  listUrl: string;
}

export function readTicketNav(): TicketNav {
  try {
    const raw = JSON.parse(sessionStorage.getItem(NAV_KEY) ?? 'null') as Partial<TicketNav> | null;
    const numbers = Array.isArray(raw?.numbers) ? raw.numbers.filter((n): n is number => Number.isInteger(n)) : [];
    const listUrl = typeof raw?.listUrl === 'string' && raw.listUrl.startsWith('/') ? raw.listUrl : DEFAULT_LIST_URL;
    return { numbers, listUrl };
  } catch {
    return { numbers: [], listUrl: DEFAULT_LIST_URL };
  }
}

/** The neighbours of a ticket in that list (null at either end or when it is not in it). */
export function neighbours(nav: TicketNav, current: number): { prev: number | null; next: number | null } {
  const i = nav.numbers.indexOf(current);
  if (i < 0) return { prev: null, next: null };
  return { prev: nav.numbers[i - 1] ?? null, next: nav.numbers[i + 1] ?? null };
}
