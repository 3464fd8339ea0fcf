import type { TFunction } from 'i18next';
import type { TicketEvent } from './types';

export interface Names {
  department: (id: string) => string;
  agent: (id: string) => string;
  type: (id: string) => string;
  number: (n: number) => string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const iso = (v: unknown) => `\u2068${str(v)}\u2069`;
const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);

/**
 * C21: one sentence per event kind the server writes (ticket-events callers, auto-close job).
 * Ids in the data are turned into names through the lookups; unknown ones stay as a number.
 */
export function describeEvent(e: TicketEvent, t: TFunction, names: Names): string {
  const d = e.data;
  const status = (v: unknown) => (v ? t(`status.${str(v)}`) : t('common.none'));
  const join = (xs: string[]) => xs.join(t('ticket.listSeparator'));
  switch (e.kind) {
    case 'created': {
      // Opened from a mail that arrived (F2) or from a saved .eml an agent imported (C19).
      const via = d.via === 'email' || d.via === 'import' ? `_${d.via}` : '';
      return t(`ticket.events.created${via}`, { department: names.department(str(d.departmentId)) });
    }
    case 'imported': {
      // An e-mail address inside a Persian sentence: isolated so it keeps its own direction.
      const from = `\u2068${str(d.from) || t('common.none')}\u2069`;
      return d.assigneeId
        ? t('ticket.events.imported_assigned', { from, name: names.agent(str(d.assigneeId)) })
        : t('ticket.events.imported', { from });
    }
    case 'replied':
      return d.via === 'email' ? t('ticket.events.replied_email') : t('ticket.events.replied');
    case 'note_added':
    case 'note_edited':
    case 'note_deleted':
    case 'pinned':
    case 'unpinned':
    case 'body_changed':
    case 'deleted':
    case 'restored':
    case 'followed':
    case 'unfollowed':
      return t(`ticket.events.${e.kind}`);
    case 'status_changed':
    case 'reopened':
      return t(`ticket.events.${e.kind}`, { from: status(d.from), to: status(d.to) });
    case 'auto_closed':
      return t('ticket.events.auto_closed', { days: names.number(Number(d.days) || 0) });
    case 'priority_changed':
      return t('ticket.events.priority_changed', {
        from: t(`priority.${str(d.from)}`),
        to: t(`priority.${str(d.to)}`),
      });
    case 'subject_changed':
      return t('ticket.events.subject_changed', { from: str(d.from), to: str(d.to) });
    case 'type_changed':
      return t('ticket.events.type_changed', {
        from: d.from ? names.type(str(d.from)) : t('common.none'),
        to: d.to ? names.type(str(d.to)) : t('common.none'),
      });
    case 'transferred':
      return t('ticket.events.transferred', { from: names.department(str(d.from)), to: names.department(str(d.to)) });
    case 'assigned': {
      if (d.self) return t('ticket.events.assigned_self');
      const to = list(d.to);
      // Issue 20: by the department's automatic assignment, and away people's substitutes.
      if (d.auto) return t('ticket.events.assigned_auto', { names: join(to.map(names.agent)) });
      const subs = Array.isArray(d.substitutions) ? (d.substitutions as { for?: unknown; by?: unknown }[]) : [];
      const instead = subs.map((x) =>
        t('ticket.events.substitute', { away: names.agent(str(x.for)), name: names.agent(str(x.by)) }),
      );
      const text = to.length
        ? t('ticket.events.assigned', { names: join(to.map(names.agent)) })
        : t('ticket.events.unassigned');
      return instead.length ? `${text} ${instead.join(' ')}` : text;
    }
    case 'tags_changed': {
      const tags = list(d.tags);
      return tags.length ? t('ticket.events.tags_changed', { tags: join(tags) }) : t('ticket.events.tags_cleared');
    }
    case 'followers_changed': {
      const to = list(d.to);
      return to.length
        ? t('ticket.events.followers_changed', { names: join(to.map(names.agent)) })
        : t('ticket.events.followers_cleared');
    }
    case 'transition':
      // E2: a workflow step (the names are the workflow's, as they were when it was taken).
      // Names people typed, isolated inside the sentence so each keeps its own direction.
      return d.fromName
        ? t('ticket.events.transition', { name: iso(d.name), from: iso(d.fromName), to: iso(d.toName) })
        : t('ticket.events.transition_to', { name: iso(d.name), to: iso(d.toName) });
    case 'sla_breached':
      // E3: the SLA targets a timer found missed.
      return t('ticket.events.sla_breached', {
        targets: join(list(d.targets).map((x) => t(`ticket.events.sla_target.${x}`))),
      });
    case 'csat_answered':
      // K5: the requester's answer to the satisfaction survey (written by nobody signed in).
      return t('ticket.events.csat_answered', { n: names.number(Number(d.rating) || 0) });
    case 'csat_commented':
      return t('ticket.events.csat_commented');
    case 'shared':
      return t('ticket.events.shared', { count: list(d.with).length, n: names.number(list(d.with).length) });
    // K9: merges and links, with the other ticket's number.
    case 'merged_into':
    case 'merged_from':
      return t(`ticket.events.${e.kind}`, { n: names.number(Number(d.number) || 0) });
    case 'linked':
    case 'unlinked':
      return t(`ticket.events.${e.kind}`, {
        n: names.number(Number(d.number) || 0),
        kind: t(`merge.kinds.${str(d.kind) || 'related'}`),
      });
    default:
      return t('ticket.events.other', { kind: e.kind });
  }
}
