import type { TListTicketsQuery } from '../../src/contracts/tickets';

export type Who = 'agent' | 'admin' | 'customer';

/** What the people of the benchmark workspace and its data offer the scenarios. */
export interface Fixture {
  /** The busiest department of the agent. */
  agentDepartment: number;
  /** The start of the customer's e-mail address. */
  emailPrefix: string;
}

export interface Scenario {
  key: string;
  title: string;
  what: string;
  who: Who;
  /** A list query (as the API receives it) or the dashboard. */
  list?: (f: Fixture) => Record<string, unknown>;
  dashboard?: true;
}

const QUEUE = { status: 'active,pending', sort: 'waiting' };

/** The main list queries of issue 3 (point 9) and the load scenarios of issue 4. */
export const SCENARIOS: Scenario[] = [
  {
    key: 'queue',
    title: 'Agent queue, first page',
    what: "An agent's default queue: its departments' active and pending tickets (plus those assigned to it, requested by it or followed by it), pinned first, longest waiting first.",
    who: 'agent',
    list: () => ({ ...QUEUE }),
  },
  {
    key: 'queue-page-50',
    title: 'Agent queue, page 50',
    what: 'The same queue, 50 pages in (offset 1,225).',
    who: 'agent',
    list: () => ({ ...QUEUE, page: '50' }),
  },
  {
    key: 'queue-filtered',
    title: 'Queue filtered by department, status and priority',
    what: "One of the agent's departments, active only, urgent or high.",
    who: 'agent',
    list: (f) => ({
      departmentId: String(f.agentDepartment),
      status: 'active',
      priority: 'urgent,high',
      sort: 'waiting',
    }),
  },
  {
    key: 'admin-created',
    title: 'Admin: all tickets, newest first',
    what: 'An admin lists every ticket of the workspace, newest first (pinned first, as always).',
    who: 'admin',
    list: () => ({ sort: '-created' }),
  },
  {
    key: 'admin-waiting',
    title: 'Admin: all tickets, default order',
    what: "An admin opens the ticket list without filters: staff's default sort (pinned first, longest waiting first, then the rest by id) over every status.",
    who: 'admin',
    list: () => ({}),
  },
  {
    key: 'customer-mine',
    title: 'Customer: my tickets',
    what: 'A customer lists its own tickets (and those shared with it or its groups), newest first — the default sort for customers.',
    who: 'customer',
    list: () => ({}),
  },
  {
    key: 'assigned-to-me',
    title: 'Assigned to me',
    what: "An agent's open tickets assigned to it (assigneeId=me), longest waiting first.",
    who: 'agent',
    list: () => ({ ...QUEUE, assigneeId: 'me' }),
  },
  {
    key: 'tag',
    title: 'Tag filter',
    what: 'An admin lists the tickets with the tag «vpn» (one of the most used tags), longest waiting first.',
    who: 'admin',
    list: () => ({ tag: 'vpn' }),
  },
  {
    key: 'email',
    title: 'Filter by requester e-mail',
    what: 'An admin looks up the tickets of an address by its beginning (email=…, a prefix match).',
    who: 'admin',
    list: (f) => ({ email: f.emailPrefix }),
  },
  {
    key: 'search-fa',
    title: 'Search: a Persian word',
    what: 'An agent searches its visible tickets for «چاپگر» (printer).',
    who: 'agent',
    list: () => ({ q: 'چاپگر' }),
  },
  {
    key: 'search-en',
    title: 'Search: an English word',
    what: 'An agent searches for «printer».',
    who: 'agent',
    list: () => ({ q: 'printer' }),
  },
  {
    key: 'search-phrase',
    title: 'Search: a phrase',
    what: 'An agent searches for «رمز عبور» (password): every word must match, each as a prefix.',
    who: 'agent',
    list: () => ({ q: 'رمز عبور' }),
  },
  {
    key: 'search-number',
    title: 'Search: a ticket number',
    what: "q='#123' asks for ticket 123 (within what the agent may see).",
    who: 'agent',
    list: () => ({ q: '#123' }),
  },
  {
    key: 'dashboard',
    title: 'Dashboard counters',
    what: "An agent's counters (D5): its departments' active and pending tickets, its own, and the unassigned ones.",
    who: 'agent',
    dashboard: true,
  },
];

export type ListInput = TListTicketsQuery;
