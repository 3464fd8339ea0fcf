import { useState, type ReactNode } from 'react';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import NetworkCheck from '@mui/icons-material/NetworkCheck';
import Preview from '@mui/icons-material/Preview';
import Sync from '@mui/icons-material/Sync';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { errorMessage } from '../../ui/states';
import {
  directoriesKey,
  syncDirectory,
  testDirectory,
  type Directory,
  type DirectoryTestResult,
  type SyncResult,
} from './api';
import { SyncReportView } from './SyncReportView';
import { TestResultView } from './TestResultView';

type Outcome = { kind: 'test'; result: DirectoryTestResult } | { kind: 'preview' | 'sync'; report: SyncResult };
type Action = 'test' | 'preview' | 'sync';

/**
 * Test connection, preview the sync (changes nothing) and sync now — always on the saved
 * settings, so unsaved changes are saved first (a refused save stops there, its errors by the
 * fields). Below, what the last of them found, and the directory's last sync report.
 */
export function DirectoryActions({
  directory,
  dirty,
  saveFirst,
  tls,
}: {
  /** Null while the directory is new: nothing to test until it is saved. */
  directory: Directory | null;
  dirty: boolean;
  saveFirst: () => Promise<boolean>;
  tls: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = useMutation({
    mutationFn: async (action: Action): Promise<Outcome | null> => {
      if (dirty && !(await saveFirst())) return null;
      const id = directory!.id;
      if (action === 'test') return { kind: 'test', result: await testDirectory(id) };
      return { kind: action, report: await syncDirectory(id, action === 'preview') };
    },
    onMutate: () => setOutcome(null),
    onSuccess: (o) => {
      setOutcome(o);
      // A sync changes the directory's people, its last report and its next run.
      if (o?.kind === 'sync') void qc.invalidateQueries({ queryKey: directoriesKey });
    },
  });
  const busy = (a: Action) => run.isPending && run.variables === a;
  const disabled = !directory || run.isPending;
  const button = (a: Action, icon: ReactNode, label: string) => (
    <Button
      variant="outlined"
      startIcon={icon}
      loading={busy(a)}
      disabled={disabled && !busy(a)}
      onClick={() => run.mutate(a)}
      data-testid={`directory-${a}`}
    >
      {label}
    </Button>
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
        {button('test', <NetworkCheck />, t('admin.directories.testButton'))}
        {button('preview', <Preview />, t('admin.directories.previewButton'))}
        {button('sync', <Sync />, t('admin.directories.syncButton'))}
      </Stack>
      {(!directory || dirty) && (
        <Typography variant="body2" color="text.secondary" data-testid="directory-actions-hint">
          {directory ? t('admin.directories.savedFirst') : t('admin.directories.saveToTest')}
        </Typography>
      )}
      <Box aria-live="polite">
        {run.isError && (
          <Alert severity="error" role="alert" data-testid="directory-action-error">
            {errorMessage(run.error, t('errors.generic'))}
          </Alert>
        )}
        {outcome?.kind === 'test' && <TestResultView result={outcome.result} tls={tls} />}
        {(outcome?.kind === 'preview' || outcome?.kind === 'sync') && (
          <SyncReportView report={outcome.report} kind={outcome.kind} testId="directory-report" />
        )}
      </Box>
      {/* Right after a sync its result above is the stored report: shown once. */}
      {directory && outcome?.kind !== 'sync' && (directory.lastSyncReport || directory.lastSyncError) && (
        <Box data-testid="directory-last-sync">
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t('admin.directories.lastReport')}
          </Typography>
          {directory.lastSyncAt && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {t('admin.directories.lastSyncAt', { date: f.date(directory.lastSyncAt) })}
            </Typography>
          )}
          {directory.lastSyncError && (
            <Alert severity="error" sx={{ mb: 1, overflowWrap: 'anywhere' }}>
              {t('admin.directories.lastSyncError')} <bdi dir="auto">{directory.lastSyncError}</bdi>
            </Alert>
          )}
          {directory.lastSyncReport && (
            <SyncReportView report={directory.lastSyncReport} kind="last" testId="directory-last-report" />
          )}
        </Box>
      )}
    </Stack>
  );
}
