import { useEffect, useRef, useState } from 'react';
import { Paper, Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useBlocker, useLocation, useNavigate } from 'react-router';
import { ApiError, call } from '../../../app/api';
import { fieldErrors } from '../../../ui/form';
import { SaveBar } from '../../../ui/SaveBar';
import { DiscardDialog } from '../../../ui/useDiscardGuard';
import { Notice, useNotice } from '../../admin/Notice';
import { articleKey, articlesKey, groupsKey, type KbArticle, type KbGroup } from './api';
import { ArticleFacts } from './ArticleFacts';
import { ArticleSettings } from './ArticleSettings';
import { ArticleBodyEditor } from './editor/ArticleBodyEditor';
import { emptyDraft, signature, toBody, toDraft, type ArticleDraft } from './model';

/** The fields a save's errors can be shown next to. */
const SHOWN = ['title', 'summary', 'body', 'groupId', 'visible', 'internal', 'locale', 'keywords', 'slug'];

/**
 * H2: an article held as a draft until Save sends it. The server's field errors go next to their
 * fields; leaving with unsaved changes (a link, back, closing the tab) asks first.
 */
export function ArticleForm({
  article,
  groups,
  initialGroupId,
}: {
  article: KbArticle | null;
  groups: KbGroup[];
  initialGroupId: string;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const n = useNotice();
  const [current, setCurrent] = useState(article);
  const [draft, setDraft] = useState<ArticleDraft>(() =>
    article ? toDraft(article) : emptyDraft(initialGroupId, i18n.language === 'en' ? 'en' : 'fa'),
  );
  const [base, setBase] = useState(draft);
  // The body as the editor writes the one it was given: compared with that, an untouched body is unchanged.
  const [alias, setAlias] = useState<{ from: string; to: string } | null>(null);
  const canon = (d: ArticleDraft) => signature(alias && d.body === alias.from ? { ...d, body: alias.to } : d);
  const dirty = canon(draft) !== canon(base);
  const leaving = useRef(false);
  const root = useRef<HTMLDivElement | null>(null);
  const set = (patch: Partial<ArticleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = useMutation({
    mutationFn: (sent: ArticleDraft) => {
      const body = toBody(sent);
      return current ? call('updateKbArticle', { path: { id: current.id }, body }) : call('createKbArticle', { body });
    },
    onSuccess: (result, sent) => {
      qc.setQueryData(articleKey(result.id), result);
      void qc.invalidateQueries({ queryKey: articlesKey });
      void qc.invalidateQueries({ queryKey: groupsKey });
      if (!current) {
        leaving.current = true;
        void navigate(`/agent/kb/articles/${result.id}`, { replace: true, state: { created: true } });
        return;
      }
      // The editor keeps its own HTML (the server keeps what the editor writes): the cursor stays put.
      const next = { ...toDraft(result), body: sent.body };
      setCurrent(result);
      setBase(next);
      setDraft((d) => (signature(d) === signature(sent) ? next : { ...d, slug: d.slug || result.slug }));
      n.ok(t('kbAdmin.savedNotice'));
    },
  });
  const fe = fieldErrors(save.error);

  // The notice of an article just created, shown once on its own address.
  useEffect(() => {
    if ((location.state as { created?: boolean } | null)?.created) {
      n.ok(t('kbAdmin.createdNotice'));
      void navigate(location.pathname + location.search, { replace: true, state: null });
    }
    // Once, on arrival.
  }, []);

  // After a refused save, the first message is brought into view.
  useEffect(() => {
    if (!(save.error instanceof ApiError)) return;
    const first = root.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    first?.scrollIntoView({ block: 'center' });
    if (first?.matches('input, textarea')) first.focus({ preventScroll: true });
  }, [save.error]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate(draft);
      }}
      data-testid="kb-article-form"
    >
      <Stack ref={root} spacing={2}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Paper variant="outlined" sx={{ p: { xs: 1.5, sm: 2 }, flex: 1, minWidth: 0, width: '100%' }}>
            <Stack spacing={2}>
              <TextField
                required
                label={t('kbAdmin.editor.title')}
                value={draft.title}
                onChange={(e) => set({ title: e.target.value })}
                {...fe.field('title')}
                slotProps={{ htmlInput: { dir: 'auto', maxLength: 200, 'data-testid': 'kb-article-title' } }}
              />
              <TextField
                multiline
                minRows={2}
                label={t('kbAdmin.editor.summary')}
                value={draft.summary}
                onChange={(e) => set({ summary: e.target.value })}
                {...fe.field('summary', t('kbAdmin.editor.summaryHint'))}
                slotProps={{ htmlInput: { dir: 'auto', maxLength: 500, 'data-testid': 'kb-article-summary' } }}
              />
              <ArticleBodyEditor
                value={draft.body}
                onChange={(body) => set({ body })}
                label={t('kbAdmin.editor.body')}
                dir={draft.locale === 'en' ? 'ltr' : 'rtl'}
                error={fe.has('body')}
                helperText={fe.fields.body}
                onNormalised={(to) => setAlias({ from: base.body, to })}
              />
            </Stack>
          </Paper>
          <Paper
            variant="outlined"
            component="aside"
            aria-label={t('kbAdmin.editor.settings')}
            sx={{ p: { xs: 1.5, sm: 2 }, width: { xs: '100%', md: 320 }, flexShrink: 0 }}
          >
            <Stack spacing={2}>
              <ArticleSettings draft={draft} onChange={set} groups={groups} saved={current} fe={fe} />
              {current && <ArticleFacts article={current} />}
            </Stack>
          </Paper>
        </Stack>
        <SaveBar
          error={save.error}
          shown={SHOWN}
          pending={save.isPending}
          saved={!!current}
          dirty={dirty}
          unsavedText={t('kbAdmin.editor.unsaved')}
          savedText={t('kbAdmin.editor.allSaved')}
          stateTestId="kb-article-state"
          saveTestId="kb-article-save"
        />
      </Stack>
      <Notice notice={n.notice} onClose={n.clear} />
      {blocker.state === 'blocked' && (
        <DiscardDialog onKeep={() => blocker.reset()} onDiscard={() => blocker.proceed()} />
      )}
    </form>
  );
}
