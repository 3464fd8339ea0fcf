import { readFileSync } from 'node:fs';
import type { LoadRequest } from './measure';
import { getJson, signIn } from './session';

export interface Fixture {
  url: string;
  workspace: string;
  agent: Record<string, string>;
  customer: Record<string, string>;
  agentDepartment: string;
  customerDepartment: string;
  queueNumbers: number[];
  thread20: number[];
  wordFa: string;
  wordEn: string;
  phrase: string;
  maxNumber: number;
}

/** Search terms from the seed's own word lists: common enough to match, as people type them. */
function searchWords() {
  const read = (lang: string) =>
    readFileSync(new URL(`../words/${lang}.txt`, import.meta.url), 'utf8')
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean);
  const fa = read('fa');
  const en = read('en');
  return {
    wordFa: fa[40] ?? 'سلام',
    wordEn: en[40] ?? 'password',
    phrase: `${en[10] ?? 'reset'} ${en[11] ?? 'password'}`,
  };
}

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
let seq = 0;

/**
 * Finds what the scenarios need through the API itself: an agent and a customer of the seeded
 * workspace, a department, tickets of the agent's queue, tickets with ~20 messages, words to
 * search for.
 */
export async function prepare(
  url: string,
  workspace: string,
  adminPassword: string,
  userPassword: string,
): Promise<Fixture> {
  const admin = await signIn(url, workspace, 'admin', adminPassword);
  const agent = await signIn(url, workspace, 'agent1', userPassword);
  const customers = await getJson<{ items: { username: string }[] }>(
    url,
    '/api/v1/users?role=customer&pageSize=5&sort=username',
    admin,
  );
  const customer = await signIn(url, workspace, customers.items[0].username, userPassword);
  const me = await getJson<{ user: { departmentIds: string[] } }>(url, '/api/v1/auth/me', agent);
  const deps = await getJson<{ items: { id: string }[] }>(url, '/api/v1/departments?pageSize=100', customer);
  const queue = await getJson<{ items: { number: number }[]; total: number }>(
    url,
    '/api/v1/tickets?status=active&pageSize=100',
    agent,
  );
  const newest = await getJson<{ items: { number: number }[] }>(
    url,
    '/api/v1/tickets?pageSize=1&sort=-number&pinnedFirst=false',
    admin,
  );
  // Tickets with about 20 messages: sample the newest tickets' pages until enough are found (up
  // to 200 pages: an earlier run's creations, one message each, come first).
  const thread20: number[] = [];
  for (let page = 1; page <= 200 && thread20.length < 20; page++) {
    const list = await getJson<{ items: { number: number; messageCount: number }[] }>(
      url,
      `/api/v1/tickets?pageSize=100&page=${page}&sort=-number&pinnedFirst=false`,
      agent,
    );
    for (const t of list.items) if (t.messageCount >= 18 && t.messageCount <= 24) thread20.push(t.number);
  }
  return {
    url,
    workspace,
    agent,
    customer,
    agentDepartment: me.user.departmentIds[0],
    customerDepartment: deps.items[0].id,
    queueNumbers: queue.items.map((i) => i.number),
    thread20: thread20.length ? thread20 : queue.items.map((i) => i.number),
    ...searchWords(),
    maxNumber: newest.items[0]?.number ?? 1,
  };
}

export type ScenarioName =
  | 'create-ticket'
  | 'agent-reply'
  | 'queue-first-page'
  | 'queue-filtered'
  | 'queue-page-50'
  | 'search-fa'
  | 'search-en'
  | 'search-phrase'
  | 'search-number'
  | 'ticket-page'
  | 'dashboard'
  | 'queue-sla-warning'
  | 'queue-sla-breached';

export const SCENARIOS: ScenarioName[] = [
  'create-ticket',
  'agent-reply',
  'queue-first-page',
  'queue-filtered',
  'queue-page-50',
  'search-fa',
  'search-en',
  'search-phrase',
  'search-number',
  'ticket-page',
  'dashboard',
  'queue-sla-warning',
  'queue-sla-breached',
];

/** The request each scenario repeats. */
export function requestFor(name: ScenarioName, f: Fixture): LoadRequest {
  const q = (s: string) => encodeURIComponent(s);
  switch (name) {
    case 'create-ticket':
      return {
        method: 'POST',
        path: '/api/v1/tickets',
        headers: f.customer,
        body: () =>
          JSON.stringify({
            subject: `Load test ${++seq} مشکل اتصال`,
            body: '<p>سلام، اتصال اینترنت قطع است. Internet is down.</p>',
            departmentId: f.customerDepartment,
          }),
      };
    case 'agent-reply':
      return {
        method: 'POST',
        path: () => `/api/v1/tickets/${pick(f.queueNumbers)}/messages`,
        headers: f.agent,
        body: () =>
          JSON.stringify({
            body: `<p>پاسخ ${++seq}: لطفاً دوباره امتحان کنید.</p>`,
            statusAfter: 'active',
            signature: true,
          }),
      };
    case 'queue-first-page':
      return { path: '/api/v1/tickets?status=active&status=pending', headers: f.agent };
    case 'queue-filtered':
      return {
        path: `/api/v1/tickets?departmentId=${f.agentDepartment}&status=active&priority=high`,
        headers: f.agent,
      };
    case 'queue-page-50':
      return { path: '/api/v1/tickets?page=50&pageSize=25', headers: f.agent };
    case 'search-fa':
      return { path: `/api/v1/tickets?q=${q(f.wordFa)}`, headers: f.agent };
    case 'search-en':
      return { path: `/api/v1/tickets?q=${q(f.wordEn)}`, headers: f.agent };
    case 'search-phrase':
      return { path: `/api/v1/tickets?q=${q(f.phrase)}`, headers: f.agent };
    case 'search-number':
      return {
        path: () => `/api/v1/tickets?q=${q('#' + (1 + Math.floor(Math.random() * f.maxNumber)))}`,
        headers: f.agent,
      };
    case 'ticket-page': {
      let flip = false;
      return {
        path: () => {
          flip = !flip;
          return flip ? `/api/v1/tickets/${pick(f.thread20)}` : `/api/v1/tickets/${pick(f.thread20)}/messages`;
        },
        headers: f.agent,
      };
    }
    case 'dashboard':
      return { path: '/api/v1/dashboard', headers: f.agent };
    // Issue 16: the SLA filters (bench:sla-setup first), against queue-first-page.
    case 'queue-sla-warning':
      return { path: '/api/v1/tickets?sla=warning', headers: f.agent };
    case 'queue-sla-breached':
      return { path: '/api/v1/tickets?sla=breached', headers: f.agent };
  }
}
