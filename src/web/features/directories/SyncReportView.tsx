import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { UserText } from '../../ui/UserText';
import type { SyncReport } from './api';

const COUNTS = ['seen', 'created', 'updated', 'deactivated', 'unchanged', 'skipped'] as const;

/**
 * What a sync did — or, previewed, would do: the counts and a few of the people it changed.
 * `kind` says which: a preview's, a sync's just run, or the last stored report.
 */
export function SyncReportView({
  report,
  kind,
  testId,
}: {
  report: SyncReport;
  kind: 'preview' | 'sync' | 'last';
  testId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Box data-testid={testId} data-kind={kind}>
      {kind !== 'last' && (
        <Alert severity={kind === 'preview' ? 'info' : 'success'} role="status" sx={{ mb: 1 }}>
          {kind === 'preview' ? t('admin.directories.previewDone') : t('admin.directories.syncDone')}
        </Alert>
      )}
      <Box
        component="dl"
        sx={{
          m: 0,
          display: 'grid',
          gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', sm: 'repeat(6, minmax(0, 1fr))' },
          gap: 1,
        }}
      >
        {COUNTS.map((c) => (
          <Box
            key={c}
            sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1, minWidth: 0 }}
            data-testid={`${testId}-${c}`}
          >
            <Typography component="dt" variant="caption" color="text.secondary">
              {t(`admin.directories.count.${c}`)}
            </Typography>
            <Typography component="dd" variant="h6" sx={{ m: 0 }}>
              {f.number(report[c])}
            </Typography>
          </Box>
        ))}
      </Box>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        {t('admin.directories.duration', { ms: f.number(report.durationMs) })}
      </Typography>
      {report.samples.length > 0 && (
        <Stack spacing={0.5} sx={{ mt: 1 }}>
          <Typography variant="subtitle2" component="p">
            {t('admin.directories.changedPeople')}
          </Typography>
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }} component="ul" style={{ margin: 0, padding: 0 }}>
            {report.samples.map((s) => (
              <Chip
                component="li"
                key={`${s.change}:${s.username}`}
                size="small"
                variant="outlined"
                color={s.change === 'created' ? 'success' : s.change === 'deactivated' ? 'warning' : 'default'}
                label={
                  <>
                    <UserText>{s.username}</UserText> · {t(`admin.directories.change.${s.change}`)}
                  </>
                }
              />
            ))}
          </Stack>
        </Stack>
      )}
    </Box>
  );
}
