import { useEffect, useState, type FormEvent } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import Send from '@mui/icons-material/Send';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AttachmentPicker, type Upload } from '../AttachmentPicker';
import { fieldErrors, FormError } from '../form';
import { RichEditor } from '../RichEditor';
import { DiscardDialog } from '../useDiscardGuard';
import { DirectionToggle, type TextDirection } from './DirectionToggle';

export interface ReplyInput {
  body: string;
  attachmentIds: string[];
  direction: TextDirection;
}

interface Props {
  /** Sends the reply; the form clears when it resolves and keeps its content when it rejects. */
  onSend: (input: ReplyInput) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  /** Attachments are offered only when set (guests may have them turned off). */
  attachments?: { maxMb: number; max: number; uploadOperation: 'uploadFile' | 'uploadGuestFile' };
  submitTestId?: string;
  /** Where the unsent text is kept in the browser; by default the page's address (one per ticket). */
  draftKey?: string;
}

/** Drafts nobody came back to for a month are dropped. */
const MAX_AGE_MS = 30 * 24 * 3600_000;

interface Kept {
  body: string;
  direction: TextDirection;
}

function readKept(key: string): Kept | null {
  try {
    const d = JSON.parse(localStorage.getItem(key) ?? 'null') as (Partial<Kept> & { at?: number }) | null;
    if (!d || typeof d.body !== 'string' || !d.body || Date.now() - (d.at ?? 0) > MAX_AGE_MS) return null;
    return { body: d.body, direction: d.direction === 'rtl' || d.direction === 'ltr' ? d.direction : 'auto' };
  } catch {
    return null;
  }
}

function keep(key: string, kept: Kept | null) {
  try {
    if (kept?.body) localStorage.setItem(key, JSON.stringify({ ...kept, at: Date.now() }));
    else localStorage.removeItem(key);
  } catch {
    /* storage full or blocked: the draft stays in memory only */
  }
}

/** The reply form under a thread: rich text, direction, attachments. */
export function ReplyComposer({
  onSend,
  pending,
  error,
  attachments,
  submitTestId = 'ticket-reply-submit',
  draftKey,
}: Props) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // The text written and not sent survives leaving the page and a reload (files are not kept).
  const key = draftKey ?? `pishkhan.reply-draft.${pathname}`;
  const [saved] = useState(() => readKept(key));
  const [body, setBody] = useState(saved?.body ?? '');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);
  const [direction, setDirection] = useState<TextDirection>(saved?.direction ?? 'auto');
  const [discarding, setDiscarding] = useState(false);
  const errs = fieldErrors(error);
  useEffect(() => keep(key, { body, direction }), [key, body, direction]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await onSend({ body, attachmentIds: uploads.map((u) => u.id), direction });
      // At once: the page may be gone before the state below is applied.
      keep(key, null);
      setBody('');
      setUploads([]);
    } catch {
      /* the error is shown from the `error` prop */
    }
  }

  return (
    <Box
      component="form"
      onSubmit={(e) => void submit(e)}
      noValidate
      // Ctrl+Enter (⌘+Enter) sends, caught before the editor makes it a line break.
      onKeyDownCapture={(e) => {
        if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey) return;
        e.preventDefault();
        e.stopPropagation();
        if (!pending && !busy && body) (e.currentTarget as HTMLFormElement).requestSubmit();
      }}
    >
      <FormError error={error} shown={['body', 'attachmentIds']} />
      <Stack spacing={1.5}>
        <RichEditor
          label={t('thread.reply.label')}
          value={body}
          onChange={setBody}
          dir={direction}
          minHeight={120}
          {...errs.field('body')}
        />
        <DirectionToggle value={direction} onChange={setDirection} />
        {attachments && (
          <AttachmentPicker
            value={uploads}
            onChange={setUploads}
            max={attachments.max}
            maxMb={attachments.maxMb}
            uploadOperation={attachments.uploadOperation}
            onBusyChange={setBusy}
            error={errs.fields.attachmentIds}
          />
        )}
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Button
            type="submit"
            variant="contained"
            startIcon={<Send />}
            disabled={pending || busy || !body}
            data-testid={submitTestId}
          >
            {pending ? t('thread.reply.sending') : t('thread.reply.send')}
          </Button>
          {body && (
            <>
              <Typography variant="caption" color="text.secondary" data-testid="reply-draft-saved">
                {t('thread.reply.draftSaved')}
              </Typography>
              <Button size="small" color="inherit" onClick={() => setDiscarding(true)} data-testid="reply-discard">
                {t('thread.reply.discard')}
              </Button>
            </>
          )}
        </Stack>
      </Stack>
      {discarding && (
        <DiscardDialog
          title={t('thread.reply.discardTitle')}
          text={t('thread.reply.discardText')}
          keepLabel={t('thread.reply.keep')}
          discardLabel={t('thread.reply.discard')}
          onKeep={() => setDiscarding(false)}
          onDiscard={() => {
            setDiscarding(false);
            keep(key, null);
            setBody('');
            setUploads([]);
          }}
        />
      )}
    </Box>
  );
}
