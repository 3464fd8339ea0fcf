import { useEffect, useRef, useState } from 'react';
import { Stack } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useBlocker, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { SaveBar } from '../../ui/SaveBar';
import { DiscardDialog } from '../../ui/useDiscardGuard';
import { Notice, useNotice } from '../admin/Notice';
import { createDirectory, directoriesKey, directoryKey, updateDirectory, type Directory } from './api';
import { AccountFields, ConnectionFields } from './ConnectionFields';
import {
  createBody,
  initialForm,
  isLdaps,
  patchBody,
  shownFields,
  signature,
  type DirectoryForm,
} from './directory-form';
import { DirectoryActions } from './DirectoryActions';
import { GroupMappings } from './GroupMappings';
import { ScheduleFields } from './ScheduleFields';
import { AttributeFields, SearchFields } from './SearchFields';
import { Section } from './Section';

/**
 * A5: one directory, whole on one page: connection, service account, search, attributes, group
 * mappings and schedule, saved together; then tested, previewed and synced. Leaving with unsaved
 * changes asks first.
 */
export function DirectoryEditor({ directory, nextPosition }: { directory: Directory | null; nextPosition: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const n = useNotice();
  const [start, setStart] = useState(() => initialForm(directory));
  const [form, setForm] = useState<DirectoryForm>(start);
  const set = (patch: Partial<DirectoryForm>) => setForm((f) => ({ ...f, ...patch }));
  const dirty = signature(form) !== signature(start);
  // Set just before the editor itself moves on (to a new directory's address), so as not to ask.
  const leaving = useRef(false);
  const root = useRef<HTMLDivElement | null>(null);

  const save = useMutation({
    mutationFn: async (sent: DirectoryForm): Promise<Directory> => {
      if (!directory) return createDirectory(createBody(sent, nextPosition));
      const body = patchBody(sent, start);
      return Object.keys(body).length ? updateDirectory(directory.id, body) : directory;
    },
    onSuccess: (result) => {
      qc.setQueryData(directoryKey(result.id), result);
      void qc.invalidateQueries({ queryKey: directoriesKey, exact: true });
      if (!directory) {
        leaving.current = true;
        void navigate(`/admin/directories/${result.id}`, { replace: true, state: { created: true } });
        return;
      }
      const next = initialForm(result);
      setStart(next);
      setForm(next);
    },
  });
  const fe = fieldErrors(save.error);

  // The notice of a directory just created, shown once on its own address.
  useEffect(() => {
    if ((location.state as { created?: boolean } | null)?.created) {
      n.ok(t('admin.directories.created'));
      void navigate(location.pathname, { replace: true, state: null });
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

  const saveFirst = async () => {
    try {
      await save.mutateAsync(form);
      return true;
    } catch {
      return false;
    }
  };
  const shown = shownFields(form);
  const part = { form, set, fe };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate(form, { onSuccess: () => directory && n.ok(t('admin.common.savedNotice')) });
      }}
      data-testid="directory-editor"
    >
      <Stack ref={root} spacing={2}>
        <Section id="connection" title={t('admin.directories.connection')}>
          <ConnectionFields {...part} />
        </Section>
        <Section id="account" title={t('admin.directories.account')} hint={t('admin.directories.accountHint')}>
          <AccountFields {...part} stored={!!directory?.bindPasswordSet} />
        </Section>
        <Section id="search" title={t('admin.directories.search')}>
          <SearchFields {...part} />
        </Section>
        <Section id="attributes" title={t('admin.directories.attributes')} hint={t('admin.directories.attributesHint')}>
          <AttributeFields {...part} />
        </Section>
        <Section id="groups" title={t('admin.directories.groups')} hint={t('admin.directories.groupsHint')}>
          <GroupMappings {...part} />
        </Section>
        <Section id="schedule" title={t('admin.directories.schedule')}>
          <ScheduleFields {...part} />
        </Section>
        <Section id="actions" title={t('admin.directories.actions')} hint={t('admin.directories.actionsHint')}>
          <DirectoryActions
            directory={directory}
            dirty={dirty}
            saveFirst={saveFirst}
            tls={!!directory && (isLdaps(directory.url) || directory.startTls)}
          />
        </Section>
        <SaveBar
          error={save.error}
          shown={shown}
          pending={save.isPending}
          saved={!!directory}
          dirty={dirty}
          unsavedText={t('admin.directories.unsaved')}
          savedText={t('admin.directories.allSaved')}
          stateTestId="directory-save-state"
          saveTestId="directory-save"
        />
      </Stack>
      <Notice notice={n.notice} onClose={n.clear} />
      {blocker.state === 'blocked' && (
        <DiscardDialog onKeep={() => blocker.reset()} onDiscard={() => blocker.proceed()} />
      )}
    </form>
  );
}
