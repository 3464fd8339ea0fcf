import { Fragment } from 'react';
import { Box, Typography } from '@mui/material';
import { alpha } from '@mui/material/styles';
import type { TSnippet } from '../../contracts/tickets';

/**
 * Where a search matched (issue 14). The server sends plain text and the matched words as
 * [start, end) offsets; they are rendered as text nodes and `<mark>`s — never parsed as HTML, so
 * a ticket's text cannot inject markup here.
 */

/**
 * The marks cut to the text, in order, without overlaps (whatever the server sent). Marks that
 * touch, or are apart only by a ZWNJ (the parts of «وی‌پی‌ان» searched as «وی پی ان»), become one.
 */
export function cleanMarks(text: string, marks: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  const sorted = [...marks].sort((a, b) => a[0] - b[0]);
  for (const [rawStart, rawEnd] of sorted) {
    const last = out[out.length - 1];
    const start = Math.max(rawStart, last ? last[1] : 0, 0);
    const end = Math.min(rawEnd, text.length);
    if (end <= start) continue;
    if (last && /^\u200c?$/.test(text.slice(last[1], start))) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}

/** `text` with its marked ranges highlighted. */
export function Highlighted({ text, marks }: TSnippet) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of cleanMarks(text, marks)) {
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <>
      {parts.map((p, i) =>
        p.marked ? (
          <Box
            key={i}
            component="mark"
            sx={{
              bgcolor: (theme) => alpha(theme.palette.warning.main, 0.3),
              color: 'text.primary',
              borderRadius: 0.5,
              fontWeight: 600,
            }}
          >
            {p.text}
          </Box>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Whether the snippet is the subject itself (the words matched there, not in a message). */
export const snippetIsSubject = (subject: string, snippet?: TSnippet): boolean =>
  !!snippet && oneLine(snippet.text) === oneLine(subject);

/** The subject, with the searched words marked when that is where they matched. */
export function SubjectText({ subject, snippet }: { subject: string; snippet?: TSnippet }) {
  return snippet && snippetIsSubject(subject, snippet) ? <Highlighted {...snippet} /> : <>{subject}</>;
}

/** The line under a search result that shows where in its messages the words matched. */
export function SnippetLine({ subject, snippet }: { subject: string; snippet?: TSnippet }) {
  if (!snippet || !snippet.text || snippetIsSubject(subject, snippet)) return null;
  return (
    <Typography
      variant="caption"
      component="div"
      color="text.secondary"
      dir="auto"
      data-testid="search-snippet"
      sx={{ overflowWrap: 'anywhere', lineHeight: 1.6 }}
    >
      <Highlighted {...snippet} />
    </Typography>
  );
}
