import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { Alert, Box, Button, Paper, Snackbar, Stack, Tab, Tabs } from '@mui/material';
import LockOutlined from '@mui/icons-material/LockOutlined';
import ReplyIcon from '@mui/icons-material/Reply';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../../app/api';
import { usePublicSettings } from '../../../app/session';
import { RichEditor, type RichEditorHandle } from '../../../ui/RichEditor';
import { useCannedReplyTools } from '../../canned-responses/CannedReplyTools';
import { FormError, fieldErrors } from '../../../ui/form';
import { useFormat } from '../../../ui/format';
import { DiscardDialog } from '../../../ui/useDiscardGuard';
import { CollisionDialog } from './CollisionDialog';
import { appendArticleLink } from './article-link';
import { DirectionSwitch } from './DirectionSwitch';
import { InsertArticleButton } from './InsertArticleButton';
import { ReplyBar } from './ReplyBar';
import { ReplyOptions, type ReplyOptionValues } from './ReplyOptions';
import { SendButtons } from './SendButtons';
import { ticketKey } from './queries';
import { clearDraft, draftKey, useKeepDraft, useSavedDraft } from './useDraft';
import type { Direction, TCreateMessage, TMessage, TStatus, TTicket } from './types';
import { visuallyHidden } from '../../../ui/visually-hidden';

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

const EDITOR_ID = 'reply-editor-input';
const fresh = (): ReplyOptionValues => ({ cc: [], bcc: [], signature: true, attachments: [] });

/** Waits (a few frames at most) for the lazily loaded editor, then focuses it. */
function focusEditor(tries = 30) {
  const el = document.getElementById(EDITOR_ID);
  if (el) el.focus({ preventScroll: true });
  else if (tries > 0) requestAnimationFrame(() => focusEditor(tries - 1));
}

/** The newer messages the server lists with a 409 (add-message.ts puts them in error.details). */
function newerMessages(err: unknown): TMessage[] | null {
  if (!(err instanceof ApiError) || err.status !== 409 || err.code !== 'conflict') return null;
  const raw = err.details as { details?: { messages?: TMessage[] } } | undefined;
  return raw?.details?.messages ?? [];
}

/** C9, C12, C14–C16: the agent's answer or internal note, with the collision check. */
export function ReplyBox({ ticket, messages, meId, canReply, canNote, signatureText, ref }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const limits = usePublicSettings().data?.limits;
  const rootRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<RichEditorHandle>(null);
  // The unsent text (and whether it is a reply or a note) survives a reload and coming back later.
  const storeKey = draftKey(meId, ticket.number);
  const saved = useSavedDraft(storeKey);
  const [kind, setKind] = useState<ReplyKind>(() =>
    saved?.kind === 'note' ? (canNote ? 'note' : 'reply') : canReply ? 'reply' : 'note',
  );
  const [body, setBody] = useState(saved?.body ?? '');
  const canned = useCannedReplyTools({
    ticketNumber: ticket.number,
    departmentId: ticket.department.id,
    editor: editorRef,
    append: (html) => setBody((b) => b + html),
  });
  const [direction, setDirection] = useState<Direction>(saved?.direction ?? 'auto');
  const [opts, setOpts] = useState<ReplyOptionValues>(fresh);
  const [uploading, setUploading] = useState(false);
  const [collision, setCollision] = useState<TMessage[] | null>(null);
  const [sent, setSent] = useState<ReplyKind | null>(null);
  const [discarding, setDiscarding] = useState(false);
  // Whether the box is on screen; when it is not, a bar at the bottom of the screen brings it back.
  const [inView, setInView] = useState(true);
  /** The status the last send asked for, so "send anyway" after a collision keeps it. */
  const statusRef = useRef<TStatus>('pending');

  // C14: what the agent had seen when it began writing. Messages that arrive live while a draft
  // is open are shown, but count as unseen until acknowledged, so the server can warn on send.
  const newestId = messages.length ? messages[messages.length - 1].id : null;
  const [seenId, setSeenId] = useState<string | null>(saved?.seenId ?? null);
  useEffect(() => {
    if (!body) setSeenId(null);
    else if (seenId === null) setSeenId(newestId);
  }, [body, newestId, seenId]);
  const lastSeenMessageId = body ? (seenId ?? newestId) : newestId;
  useKeepDraft(storeKey, { body, kind, direction, seenId });
  const unseen =
    body && lastSeenMessageId
      ? messages.filter((m) => Number(m.id) > Number(lastSeenMessageId) && m.author.id !== meId).length
      : 0;

  const open = (k: ReplyKind) => {
    if ((k === 'reply' && canReply) || (k === 'note' && canNote)) setKind(k);
    // Into view from the editor down to the send buttons when they fit on the screen together (else
    // the editor at the top); then the editor (lazy: it may need a few frames) takes the focus.
    const root = rootRef.current;
    const editor = root?.querySelector<HTMLElement>('[data-testid="reply-editor"]');
    const row = root?.querySelector<HTMLElement>('[data-send-row]');
    if (editor && row) {
      const fits = row.getBoundingClientRect().bottom - editor.getBoundingClientRect().top <= window.innerHeight - 100;
      if (fits) row.scrollIntoView({ block: 'end' });
      else editor.scrollIntoView({ block: 'start' });
    } else root?.scrollIntoView({ block: 'nearest' });
    requestAnimationFrame(() => focusEditor());
  };
  useImperativeHandle(ref, () => ({ focus: open, root: () => rootRef.current }));

  useEffect(() => {
    const el = rootRef.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    // "In view" once a good part of it shows, not just its top edge.
    const io = new IntersectionObserver(([e]) => setInView(e.isIntersecting), { rootMargin: '0px 0px -120px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, []);

  const send = useMutation({
    mutationFn: ({ force, statusAfter }: { force: boolean; statusAfter: TStatus }) => {
      const reply = kind === 'reply';
      const input: TCreateMessage = {
        body,
        kind,
        direction,
        attachmentIds: opts.attachments.map((a) => a.id),
        lastSeenMessageId,
        force,
        ...(reply ? { statusAfter, cc: opts.cc, bcc: opts.bcc, signature: opts.signature && !!signatureText } : {}),
      };
      return call('addTicketMessage', { path: { number: ticket.number }, body: input });
    },
    onSuccess: async () => {
      // At once, not through state: the page may already be gone when the answer comes.
      clearDraft(storeKey);
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
  const canSend = !!body && !uploading && !send.isPending;
  const submit = (statusAfter: TStatus = 'pending') => {
    if (!canSend) return;
    statusRef.current = statusAfter;
    send.mutate({ force: false, statusAfter });
  };
  // Ctrl+Enter (⌘+Enter) sends from anywhere in the form, Ctrl+Shift+Enter sends and closes. In
  // the capture phase, before the editor turns it into a line break.
  const onKeyDownCapture = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    e.preventDefault();
    e.stopPropagation();
    submit(e.shiftKey && !note ? 'closed' : 'pending');
  };

  return (
    <>
      <Paper
        component="section"
        variant="outlined"
        aria-labelledby="reply-title"
        ref={rootRef}
        data-testid="reply-box"
        sx={{
          mt: 3,
          p: { xs: 1.5, sm: 2 },
          // Scrolled to, it clears the fixed top bar.
          scrollMarginTop: 80,
          scrollMarginBottom: 8,
          ...(note && { borderColor: 'warning.main', borderStyle: 'dashed' }),
        }}
      >
        <Box component="h2" id="reply-title" sx={visuallyHidden}>
          {note ? t('ticket.writeNote') : t('ticket.writeReply')}
        </Box>
        <Tabs
          value={kind}
          onChange={(_, v: ReplyKind) => setKind(v)}
          aria-label={t('ticket.replyKind')}
          sx={{ mb: 1.5, minHeight: 48, borderBottom: 1, borderColor: 'divider', '& .MuiTab-root': { minHeight: 48 } }}
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
          <Box
            component="form"
            noValidate
            onSubmit={(e) => (e.preventDefault(), submit('pending'))}
            onKeyDownCapture={onKeyDownCapture}
          >
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
            {!isCollision && <FormError error={send.error} shown={['body', 'cc', 'bcc', 'attachmentIds']} />}
            <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', columnGap: 2, alignItems: 'center' }}>
              <DirectionSwitch value={direction} onChange={setDirection} />
              <InsertArticleButton forCustomer={!note} onInsert={(a) => setBody((b) => appendArticleLink(b, a))} />
              {canned.button}
            </Stack>
            <Box data-testid="reply-editor" sx={{ scrollMarginTop: 80 }}>
              <RichEditor
                id={EDITOR_ID}
                value={body}
                onChange={setBody}
                label={note ? t('ticket.noteBody') : t('ticket.replyBody')}
                dir={direction}
                minHeight={140}
                handleRef={editorRef}
                onSlash={canned.onSlash}
                {...errors.field('body')}
              />
            </Box>
            {canned.dialog}
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
            <SendButtons
              note={note}
              disabled={!canSend}
              sending={send.isPending}
              hasDraft={!!body}
              onSend={submit}
              onDiscard={() => setDiscarding(true)}
            />
          </Box>
        )}
        {collision && (
          <CollisionDialog
            messages={collision}
            sending={send.isPending}
            onSendAnyway={() => send.mutate({ force: true, statusAfter: statusRef.current })}
            onReview={() => {
              setSeenId(collision[collision.length - 1]?.id ?? newestId);
              setCollision(null);
              send.reset();
              void qc.invalidateQueries({ queryKey: ticketKey(ticket.number) });
            }}
          />
        )}
        {discarding && (
          <DiscardDialog
            title={t('ticket.draft.discardTitle')}
            text={t('ticket.draft.discardText')}
            keepLabel={t('ticket.draft.keep')}
            discardLabel={t('ticket.draft.discard')}
            onKeep={() => setDiscarding(false)}
            onDiscard={() => {
              setDiscarding(false);
              clearDraft(storeKey);
              setBody('');
              setOpts(fresh());
              send.reset();
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
      {!inView && !locked && (
        <ReplyBar canReply={canReply} canNote={canNote} draftKind={body ? kind : null} onOpen={open} />
      )}
    </>
  );
}
