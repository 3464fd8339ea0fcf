/** The result of parsing one raw message: everything intake needs, nothing of the database. */
export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
  /** Content-ID without angle brackets, when the part has one. */
  contentId?: string;
  /** Shown inside the body (Content-Disposition: inline or referenced by cid:). */
  inline: boolean;
}

export interface ParsedInbound {
  /** As in the message, angle brackets included; null when missing. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: { address: string; name: string };
  to: string[];
  cc: string[];
  date: Date | null;
  /** The whole body as sanitised HTML (text bodies escaped into paragraphs). */
  html: string;
  /** The body with quoted history trimmed, sanitised; never empty when `html` has content. */
  replyHtml: string;
  attachments: InboundAttachment[];
  /**
   * Top-level headers relevant to loop detection, names lower-cased, values unfolded and
   * undecoded (first occurrence). See LOOP_HEADERS.
   */
  headers: Record<string, string>;
}

export const LOOP_HEADERS = [
  'auto-submitted',
  'precedence',
  'x-autoreply',
  'x-autorespond',
  'x-auto-response-suppress',
  'list-id',
  'list-unsubscribe',
  'content-type',
  'return-path',
  'x-failed-recipients',
  // Where the server delivered it (a Bcc or an alias leaves no trace in To/Cc).
  'delivered-to',
  'x-original-to',
] as const;

export class UnparsableMail extends Error {
  override readonly name = 'UnparsableMail';
  constructor(
    readonly reason: 'empty' | 'parse-error' | 'no-from',
    detail?: string,
  ) {
    super(detail ? `unparsable mail (${reason}): ${detail}` : `unparsable mail (${reason})`);
  }
}
