import { sql } from 'drizzle-orm';
import type { TTicket } from '../../../contracts/tickets';

/** A message's attachment as a statement reads it along with the message (filesOfMessage). */
export interface MessageFile {
  id: number;
  name: string;
  size: number;
  contentType: string;
}

/**
 * A message's attachments as a column of the statement that reads the message (json, in upload
 * order): the message and its files in one round trip. `from` names the message's relation in
 * that statement, written out in full: a subquery's fields would be rendered bare, and inside
 * this subquery a bare "id" is the file's own.
 */
export const filesOfMessage = (from: string) => {
  const m = sql.identifier(from);
  return sql<MessageFile[]>`(select coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size,
    'contentType', f.content_type) order by f.id), '[]'::json)
    from files f where f.workspace_id = ${m}.workspace_id and f.message_id = ${m}.id)`;
};

export const attachmentsFrom = (files: MessageFile[], url: (id: number) => string): TTicket['attachments'] =>
  files.map((f) => ({
    id: String(f.id),
    name: f.name,
    size: Number(f.size),
    contentType: f.contentType,
    url: url(f.id),
  }));
