import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { Alert, Box, Button, Paper, Snackbar, Stack, Tab, Tabs } from '@mui/material';
import LockOutlined from '@mui/icons-material/LockOutlined';
import ReplyIcon from '@mui/icons-material/Reply';
import Send from '@mui/icons-material/Send';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../../app/api';
import { usePublicSettings } from '../../../app/session';
import { RichEditor } from '../../../ui/RichEditor';
import { FormError, fieldErrors } from '../../../ui/form';
import { useFormat } from '../../../ui/format';
import { CollisionDialog } from './CollisionDialog';
import { DirectionSwitch } from './DirectionSwitch';
import { ReplyOptions, type ReplyOptionValues } from './ReplyOptions';
import { ticketKey } from './queries';
import { useDraft } from './useDraft';
import type { Direction, TCreateMessage, TMessage, TTicket } from './types';

export type ReplyKind = 'reply' | 'note';
export interface ReplyBoxHandle {
  focus: (kind: ReplyKind) => void;
  root: () => HTMLElement | null;
}

interface Props {
  ticket: TTicket;
  /** The thread as currently shown, oldest first. */
  messages: TMessage[];
  meId: string;
  canReply: boolean;
  canNote: boolean;
  signatureText: string;
  ref?: Ref<ReplyBoxHandle>;
}

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  m: 0,
} as const;
const EDITOR_ID = 'reply-editor-input';
const fresh = (): ReplyOptionValues => ({ statusAfter: 'pending', cc: [], bcc: [], signature: true, attachments: [] });

/** The newer messages the server lists with a 409 (add-message.ts puts them in error.details). */
function newerMessages(err: unknown): TMessage[] | null {
  if (!(err instanceof ApiError) || err.status !== 409 || err.code !== 'conflict') return null;
  const raw = err.details as { details?: { messages?: TMessage[] } } | undefined;
  return raw?.details?.messages ?? [];
}

/** C9, C12, C14–C16: the agent's answer or internal note, with the collision check. */
export function ReplyBox({ ticket, messages, meId, canReply, canNote, signatureText, ref }: Props) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const limits = usePublicSettings().data?.limits;
  const rootRef = useRef<HTMLDivElement>(null);
  const [kind, setKind] = useState<ReplyKind>(canReply ? 'reply' : 'note');
  const [body, setBody] = useDraft(ticket.number);
  const [direction, setDirection] = useState<Direction>('auto');
  const [opts, setOpts] = useState<ReplyOptionValues>(fresh);
  const [uploading, setUploading] = useState(false);
  const [collision, setCollision] = useState<TMessage[] | null>(null);
  const [sent, setSent] = useState<ReplyKind | null>(null);

  // C14: what the agent had seen when it began writing. Messages that arrive live while a draft
  // is open are shown, but count as unseen until acknowledged, so the server can warn on send.
  const newestId = messages.length ? messages[messages.length - 1].id : null;
  const [seenId, setSeenId] = useState<string | null>(null);
  useEffect(() => {
    if (!body) setSeenId(null);
    else if (seenId === null) setSeenId(newestId);
  }, [body, newestId, seenId]);
  const lastSeenMessageId = body ? (seenId ?? newestId) : newestId;
  const unseen =
    body && lastSeenMessageId
      ? messages.filter((m) => Number(m.id) > Number(lastSeenMessageId) && m.author.id !== meId).length
      : 0;

  useImperativeHandle(ref, () => ({
    focus: (k) => {
      if ((k === 'reply' && canReply) || (k === 'note' && canNote)) setKind(k);
      // The editor is lazy: wait a frame so it exists after a kind switch.
      requestAnimationFrame(() => document.getElementById(EDITOR_ID)?.focus());
    },
    root: () => rootRef.current,
  }));

  const send = useMutation({
    mutationFn: (force: boolean) => {
      const reply = kind === 'reply';
      const input: TCreateMessage = {
        body,
        kind,
        direction,
        attachmentIds: opts.attachments.map((a) => a.id),
        lastSeenMessageId,
        force,
        ...(reply
          ? { statusAfter: opts.statusAfter, cc: opts.cc, bcc: opts.bcc, signature: opts.signature && !!signatureText }
          : {}),
      };
      return call('addTicketMessage', { path: { number: ticket.number }, body: input });
    },
    onSuccess: async () => {
      setCollision(null);
      setBody('');
      setOpts(fresh());
      setSent(kind);
      await qc.invalidateQueries({ queryKey: ticketKey(ticket.number) });
    },
    onError: (err) => {
      const newer = newerMessages(err);
      if (newer) setCollision(newer);
    },
  });

  if (!canReply && !canNote) return null;
  const locked = ticket.status === 'locked';
  const errors = fieldErrors(send.error);
  const isCollision = !!newerMessages(send.error);
  const note = kind === 'note';

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="reply-title"
      ref={rootRef}
      sx={{ mt: 3, p: { xs: 1.5, sm: 2 }, ...(note && { borderColor: 'warning.main', borderStyle: 'dashed' }) }}
    >
      <Box component="h2" id="reply-title" sx={VISUALLY_HIDDEN}>
        {note ? t('ticket.writeNote') : t('ticket.writeReply')}
      </Box>
      <Tabs
        value={kind}
        onChange={(_, v: ReplyKind) => setKind(v)}
        aria-label={t('ticket.replyKind')}
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        {canReply && (
          <Tab
            value="reply"
            icon={<ReplyIcon />}
            iconPosition="start"
            label={t('ticket.kindReply')}
            data-testid="reply-kind-reply"
          />
        )}
        {canNote && (
          <Tab
            value="note"
            icon={<LockOutlined />}
            iconPosition="start"
            label={t('ticket.kindNote')}
            data-testid="reply-kind-note"
          />
        )}
      </Tabs>
      {locked ? (
        <Alert severity="info">{t('ticket.lockedNoReply')}</Alert>
      ) : (
        <Box component="form" noValidate onSubmit={(e) => (e.preventDefault(), send.mutate(false))}>
          {note && (
            <Alert severity="warning" icon={<LockOutlined />} sx={{ mb: 1.5 }}>
              {t('ticket.noteHint')}
            </Alert>
          )}
          {unseen > 0 && (
            <Alert
              severity="info"
              sx={{ mb: 1.5 }}
              data-testid="unseen-messages"
              action={
                <Button color="inherit" size="small" onClick={() => setSeenId(newestId)}>
                  {t('ticket.markSeen')}
                </Button>
              }
            >
              {t('ticket.unseenWhileWriting', { count: unseen, n: f.number(unseen) })}
            </Alert>
          )}
          {!isCollision && (
            <FormError error={send.error} shown={['body', 'statusAfter', 'cc', 'bcc', 'attachmentIds']} />
          )}
          <DirectionSwitch value={direction} onChange={setDirection} />
          <Box data-testid="reply-editor">
            <RichEditor
              id={EDITOR_ID}
              value={body}
              onChange={setBody}
              label={note ? t('ticket.noteBody') : t('ticket.replyBody')}
              dir={direction}
              minHeight={140}
              {...errors.field('body')}
            />
          </Box>
          <ReplyOptions
            kind={kind}
            value={opts}
            onChange={(p) => setOpts((o) => ({ ...o, ...p }))}
            signatureText={signatureText}
            maxMb={limits?.memberMaxUploadMb ?? 10}
            maxFiles={limits?.attachmentsPerMessage ?? 3}
            onBusyChange={setUploading}
            errors={errors}
          />
          <Stack direction="row" justifyContent="flex-end" sx={{ mt: 2 }}>
            <Button
              type="submit"
              variant="contained"
              color={note ? 'warning' : 'primary'}
              startIcon={<Send sx={{ transform: i18n.dir() === 'rtl' ? 'scaleX(-1)' : undefined }} />}
              disabled={!body || uploading || send.isPending}
              data-testid="reply-submit"
            >
              {send.isPending ? t('ticket.sending') : note ? t('ticket.sendNote') : t('ticket.sendReply')}
            </Button>
          </Stack>
        </Box>
      )}
      {collision && (
        <CollisionDialog
          messages={collision}
          sending={send.isPending}
          onSendAnyway={() => send.mutate(true)}
          onReview={() => {
            setSeenId(collision[collision.length - 1]?.id ?? newestId);
            setCollision(null);
            send.reset();
            void qc.invalidateQueries({ queryKey: ticketKey(ticket.number) });
          }}
        />
      )}
      <Snackbar
        open={!!sent}
        autoHideDuration={4000}
        onClose={() => setSent(null)}
        message={sent === 'note' ? t('ticket.noteSaved') : t('ticket.replySent')}
      />
    </Paper>
  );
}
