import type { ApiDocs, TagDoc } from '../platform/http/api-docs';
import { authApiDocs, twoFactorApiDocs } from './auth';
import { triggersApiDocs, triggersApiTag } from './automation';
import { billingApiDocs, paymentsApiDocs } from './billing';
import { cannedResponsesApiDocs, cannedResponsesApiTag } from './canned-responses';
import { catalogApiDocs } from './catalog';
import { csatApiDocs, csatApiTag } from './csat';
import { cloudSignupApiDocs } from './cloud-signup';
import { cloudApiDocs, cloudApiTag, subscriptionPaymentsApiDocs } from './cloud';
import { departmentsApiDocs } from './departments';
import { directoriesApiDocs } from './directories';
import { calendarsApiDocs } from './calendars';
import { catalogueApiDocs } from './catalogue';
import { slaApiDocs } from './sla';
import { reportsApiDocs } from './reports';
import { kbApiDocs } from './kb';
import { liveApiDocs } from './live';
import { mailApiDocs } from './mail';
import { notificationsApiDocs, pushApiDocs } from './notifications';
import { operatorApiDocs } from './operator';
import { peopleApiDocs } from './people';
import { settingsApiDocs } from './settings';
import { ticketsApiDocs } from './tickets';
import { webhooksApiDocs, webhooksApiTag } from './webhooks';

/** Every module's operation texts, merged; a key used twice fails at start-up. */
export const apiDocs: ApiDocs = merge([
  authApiDocs,
  twoFactorApiDocs,
  peopleApiDocs,
  departmentsApiDocs,
  directoriesApiDocs,
  calendarsApiDocs,
  catalogueApiDocs,
  slaApiDocs,
  reportsApiDocs,
  catalogApiDocs,
  cannedResponsesApiDocs,
  mailApiDocs,
  webhooksApiDocs,
  triggersApiDocs,
  settingsApiDocs,
  ticketsApiDocs,
  csatApiDocs,
  kbApiDocs,
  liveApiDocs,
  notificationsApiDocs,
  pushApiDocs,
  billingApiDocs,
  paymentsApiDocs,
  cloudApiDocs,
  subscriptionPaymentsApiDocs,
  operatorApiDocs,
  cloudSignupApiDocs,
]);

function merge(parts: ApiDocs[]): ApiDocs {
  const all: ApiDocs = {};
  for (const part of parts)
    for (const [key, entry] of Object.entries(part)) {
      if (all[key]) throw new Error(`api-docs: ${key} is described twice`);
      all[key] = entry;
    }
  return all;
}

/** The tags, in the order the documentation page shows them; each operation carries its module's. */
export const apiTags: TagDoc[] = [
  {
    name: 'auth',
    description: 'Signing in and out: password, one-time codes by SMS or e-mail, sign-up, password reset, the session.',
  },
  { name: 'me', description: 'The signed-in person’s own profile, contact details, password and avatar.' },
  {
    name: 'people',
    description: 'Staff and customers of the workspace (admins and agents with the people permissions).',
  },
  { name: 'access-levels', description: 'Named sets of permissions given to agents, and the list of permissions.' },
  { name: 'groups', description: 'Teams of agents that departments and tickets are given to.' },
  {
    name: 'api-tokens',
    description: 'The caller’s own API tokens for integrations: create (shown once), list, revoke.',
  },
  { name: 'departments', description: 'Where tickets are routed: departments with their agents, groups and manager.' },
  {
    name: 'directories',
    description:
      'Directory sign-in: LDAP and Active Directory servers people sign in with, tried in order; group mappings to role, access level and departments; a connection test naming the failing stage and a scheduled sync that deactivates, never deletes.',
  },
  {
    name: 'calendars',
    description:
      'Business calendars: working windows per weekday in a time zone, official Iranian holidays (fixed and estimated lunar), and the working-minutes arithmetic of timers and SLAs.',
  },
  {
    name: 'catalogue',
    description:
      'The service catalogue: desks with keys, request types with forms and workflows, requests numbered per desk, workflow transitions and their working-time timers.',
  },
  {
    name: 'kb',
    description:
      'The knowledge base for staff: groups and subgroups (only groups with the knowledge-base capability hold articles), articles with sanitised HTML, images, and the deflection numbers of suggestions.',
  },
  {
    name: 'sla',
    description:
      'SLA policies: first response, next response and resolution targets in working minutes on a business calendar, warnings, pauses while pending, and breach actions.',
  },
  {
    name: 'reports',
    description:
      'Reports on a date range: volume, first response and resolution times, SLA attainment, satisfaction, per day, agent and department; CSV and Excel exports.',
  },
  { name: 'ticket-types', description: 'The kinds of request a ticket can be (incident, request, question…).' },
  { name: 'tags', description: 'Free labels on tickets.' },
  { name: 'org-units', description: 'The organisation’s units (faculties, offices) that customers belong to.' },
  cannedResponsesApiTag,
  {
    name: 'mail',
    description:
      'Mailboxes per department: IMAP/POP3 intake, SMTP replies, connection tests, quarantine, importing a saved e-mail.',
  },
  webhooksApiTag,
  triggersApiTag,
  { name: 'settings', description: 'Workspace settings, logo and sign-in image (admins).' },
  {
    name: 'tickets',
    description:
      'The ticket lifecycle: list and search, open, change, reply and note, lock, follow, delete and restore.',
  },
  { name: 'dashboard', description: 'Counters and the status series behind the dashboards.' },
  {
    name: 'attachments',
    description: 'Uploading files before they are attached to a message, and downloading attachments.',
  },
  {
    name: 'public',
    description:
      'What needs no sign-in: the guest form and guest tickets (by number and access key), public settings and images.',
  },
  csatApiTag,
  { name: 'live', description: 'Server-sent events: ticket changes as they happen, for the caller’s visible tickets.' },
  {
    name: 'notifications',
    description:
      'In-app notifications (the bell), each person’s notification settings and filter, and the log of every e-mail, SMS and push sent.',
  },
  {
    name: 'sms',
    description: 'The workspace’s SMS gateway (Kavenegar, SMS.ir, Melipayamak, Ghasedak) and a test message.',
  },
  { name: 'billing', description: 'The SMS credit: balance, price per part, the ledger, grants and use per day.' },
  cloudApiTag,
  {
    name: 'operator',
    description:
      'The platform operator’s console (cloud mode): every workspace with its usage and revenue, suspension, SMS credit grants, plans, platform settings and payments.',
  },
  {
    name: 'signup',
    description:
      'Cloud mode: an organisation signs up with its mobile and the address it wants, confirms an SMS code and gets its own helpdesk; and what the web app asks before it knows a workspace.',
  },
];
