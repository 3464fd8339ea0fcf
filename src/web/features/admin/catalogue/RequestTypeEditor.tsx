import { useEffect, useRef, useState } from 'react';
import { Stack } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useBlocker, useLocation, useNavigate } from 'react-router';
import { ApiError, call } from '../../../app/api';
import { SaveBar } from '../../../ui/SaveBar';
import { DiscardDialog } from '../../../ui/useDiscardGuard';
import type { Calendar } from '../calendars/model';
import { Notice, useNotice } from '../Notice';
import type { Department } from '../types';
import { EditorSection } from './EditorSection';
import { NO_ERRORS, placeErrors, withoutItem, type PlacedErrors } from './errors';
import { FormFieldsEditor } from './FormFieldsEditor';
import {
  emptyDraft,
  requestTypeKey,
  requestTypesKey,
  signature,
  toBody,
  toDraft,
  type DefaultNames,
  type Desk,
  type RequestType,
  type RequestTypeDraft,
} from './model';
import { RequestTypeDetails } from './RequestTypeDetails';
import { editorPath } from './RequestTypesPanel';
import { WorkflowEditor } from './WorkflowEditor';

/**
 * E1–E3: the request type being edited, held as a draft until Save sends all of it. The server's
 * messages go next to what they are about; leaving with unsaved changes asks first.
 */
export function RequestTypeEditor({
  desk,
  requestType,
  nextPosition,
  departments,
  calendars,
}: {
  desk: Desk;
  requestType: RequestType | null;
  nextPosition: number;
  departments: Department[];
  calendars: Calendar[];
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const n = useNotice();
  const [draft, setDraft] = useState<RequestTypeDraft>(() => {
    if (requestType) return toDraft(requestType);
    const names: DefaultNames = {
      open: t('admin.catalogue.defaults.open'),
      pending: t('admin.catalogue.defaults.pending'),
      closed: t('admin.catalogue.defaults.closed'),
      resolve: t('admin.catalogue.defaults.resolve'),
      ask: t('admin.catalogue.defaults.ask'),
      answer: t('admin.catalogue.defaults.answer'),
      reopen: t('admin.catalogue.defaults.reopen'),
    };
    return emptyDraft(names, nextPosition);
  });
  const [saved, setSaved] = useState(() => signature(draft));
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const dirty = signature(draft) !== saved;
  // Set just before the editor itself moves on (to the new request type's address), so as not to ask.
  const leaving = useRef(false);
  const root = useRef<HTMLDivElement | null>(null);

  const set = <K extends keyof RequestTypeDraft>(k: K, v: RequestTypeDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const save = useMutation({
    mutationFn: (sent: RequestTypeDraft) => {
      const body = toBody(sent);
      return requestType
        ? call('updateRequestType', { path: { id: requestType.id }, body })
        : call('createRequestType', { path: { id: desk.id }, body });
    },
    onSuccess: (result) => {
      qc.setQueryData(requestTypeKey(result.id), result);
      void qc.invalidateQueries({ queryKey: requestTypesKey(desk.id) });
      setErrors(NO_ERRORS);
      if (!requestType) {
        leaving.current = true;
        void navigate(editorPath(desk.id, result.id), { replace: true, state: { created: true } });
        return;
      }
      const next = toDraft(result);
      setDraft(next);
      setSaved(signature(next));
      n.ok(t('admin.common.savedNotice'));
    },
    onError: (err, sent) => {
      setErrors(err instanceof ApiError ? placeErrors(err.fields, sent) : NO_ERRORS);
    },
  });

  // The notice of a request type just created, shown once on its own address.
  useEffect(() => {
    if ((location.state as { created?: boolean } | null)?.created) {
      n.ok(t('admin.catalogue.typeCreated'));
      void navigate(location.pathname + location.search, { replace: true, state: null });
    }
    // Once, on arrival.
  }, []);

  // After a refused save, the first message is brought into view.
  useEffect(() => {
    if (errors === NO_ERRORS) return;
    const first = root.current?.querySelector<HTMLElement>(
      '[aria-invalid="true"], [data-has-error="true"], [role="alert"]',
    );
    first?.scrollIntoView({ block: 'center' });
    if (first?.matches('input, textarea')) first.focus({ preventScroll: true });
  }, [errors]);

  // Leaving the page (a link, back) with unsaved changes asks first; so does closing the tab.
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

  const shown =
    save.error instanceof ApiError ? Object.keys(save.error.fields).filter((k) => !errors.unplaced.includes(k)) : [];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate(draft);
      }}
      data-testid="request-type-editor"
    >
      <Stack ref={root} spacing={2}>
        <EditorSection id="details" title={t('admin.catalogue.detailsTitle')}>
          <RequestTypeDetails
            draft={draft}
            onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
            errors={errors.top}
            desk={desk}
            departments={departments}
          />
        </EditorSection>
        <EditorSection id="fields" title={t('admin.catalogue.fieldsTitle')} hint={t('admin.catalogue.fieldsHint')}>
          <FormFieldsEditor
            fields={draft.fields}
            onChange={(fields) => set('fields', fields)}
            errors={errors.items}
            listError={errors.top.fields}
          />
        </EditorSection>
        <EditorSection
          id="workflow"
          title={t('admin.catalogue.workflowTitle')}
          hint={t('admin.catalogue.workflowHint')}
        >
          <WorkflowEditor
            draft={draft}
            onChange={(w) => setDraft((d) => ({ ...d, ...w }))}
            errors={errors}
            onItemEdited={(uid) => setErrors((e) => withoutItem(e, uid))}
            departments={departments}
            calendars={calendars}
          />
        </EditorSection>
        <SaveBar
          error={save.error}
          shown={shown}
          pending={save.isPending}
          saved={!!requestType}
          dirty={dirty}
          unsavedText={t('admin.catalogue.unsaved')}
          savedText={t('admin.catalogue.allSaved')}
          saveTestId="rt-save"
        />
      </Stack>
      <Notice notice={n.notice} onClose={n.clear} />
      {blocker.state === 'blocked' && (
        <DiscardDialog onKeep={() => blocker.reset()} onDiscard={() => blocker.proceed()} />
      )}
    </form>
  );
}
