import { sql, type SQL } from 'drizzle-orm';
import type { TTicketCsat } from '../../../contracts/csat';
import type { TTicketLink } from '../../../contracts/ticket-merge';
import type { Ctx } from '../../platform/context';
import { queryPrepared } from '../../platform/db/prepared';
import { csatColumn, csatFrom, type CsatColumn } from '../csat';
import { filesOfMessage, type MessageFile } from './message-files';
import type { TicketRow } from './ticket-access';
import { linksColumn, linksFrom, mergedIntoColumn, type LinkColumn } from './ticket-links';

/** The first reply as the side statement reads it. */
export interface FirstReply {
  id: number;
  bodyHtml: string;
  direction: 'rtl' | 'ltr' | 'auto';
  files?: MessageFile[];
}

/** A follower, or the reader's own notify preference (C23), as the side statement reads them. */
export interface Participant {
  id: number;
  name: string;
  username: string;
  kind: string;
  notify: boolean | null;
}

interface SideRow {
  first: FirstReply | null;
  people: Participant[] | null;
  links: LinkColumn[] | null;
  merged_into: number | null;
  csat: CsatColumn | null;
}

export interface TicketSide {
  /** Undefined when not asked for (the caller knew it). */
  first?: FirstReply | null;
  people?: Participant[];
  links: TTicketLink[];
  mergedInto: number | null;
  csat: TTicketCsat | null;
}

/**
 * What the ticket page shows beside the ticket row, in one statement, each part a column: the
 * first reply with its attachments (found first, then its files: with the files' subquery beside
 * `order by id limit 1` the planner walked every message in id order), the followers and the
 * reader's own notify preference, the links (staff), the number it was merged into, the survey's
 * answer — five statements before, one now (bench/README.md, "Fewer statements a ticket page").
 */
export async function ticketSide(
  ctx: Ctx,
  row: TicketRow,
  opts: {
    staff: boolean;
    first: boolean;
    people: boolean;
    created?: boolean;
    /** A write made by the same statement (the view log's insert, as a data-modifying WITH). */
    alsoWrite?: SQL;
  },
): Promise<TicketSide> {
  const ws = ctx.workspaceId;
  const none = sql`null`;
  // A ticket this request made has no links and no survey answer: nothing of them to read.
  const csat = opts.created ? null : csatColumn(ctx, row, opts.staff);
  const parts: SQL[] = [
    opts.first
      ? sql`(select json_build_object('id', m.id, 'bodyHtml', m.body_html, 'direction', m.direction,
          'files', ${filesOfMessage('m')})
          from (select id, workspace_id, body_html, direction from messages
            where workspace_id = ${ws} and ticket_id = ${row.id} and kind = 'reply' order by id limit 1) m)`
      : none,
    opts.people
      ? sql`(select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'username', u.username,
          'kind', p.kind, 'notify', p.notify)), '[]'::json)
          from ticket_participants p join users u on u.workspace_id = p.workspace_id and u.id = p.user_id
          where p.workspace_id = ${ws} and p.ticket_id = ${row.id}
            and (p.kind = 'follower' or (p.kind = 'notify_pref' and p.user_id = ${ctx.actor!.id})))`
      : none,
    opts.staff && !opts.created ? linksColumn(ctx, row.id) : none,
    row.mergedIntoId ? mergedIntoColumn(ctx, row.mergedIntoId) : none,
    csat ?? none,
  ];
  const write = opts.alsoWrite ? sql`with written as (${opts.alsoWrite}) ` : sql``;
  const [read] =
    parts.every((p) => p === none) && !opts.alsoWrite
      ? [undefined]
      : // Prepared under its text (one per combination of parts): planning it cost 0.8 ms, executing 0.07.
        await queryPrepared<SideRow>(
          ctx.db,
          sql`${write}select ${parts[0]} as first, ${parts[1]} as people, ${parts[2]} as links,
          ${parts[3]} as merged_into, ${parts[4]} as csat`,
        );
  return {
    ...(opts.first ? { first: read?.first ?? null } : {}),
    ...(opts.people ? { people: read?.people ?? [] } : {}),
    links: linksFrom(read?.links ?? []),
    mergedInto: read?.merged_into == null ? null : Number(read.merged_into),
    csat: csatFrom(read?.csat),
  };
}
