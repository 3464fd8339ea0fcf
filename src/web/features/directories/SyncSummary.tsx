import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import type { Directory } from './api';

/** A directory's sync state in a few lines: when it last ran and what it did, its error, the next run. */
export function SyncSummary({ directory: d }: { directory: Directory }) {
  const { t } = useTranslation();
  const f = useFormat();
  const r = d.lastSyncReport;
  return (
    <Stack sx={{ gap: 0.25, minWidth: 0 }} data-testid={`directory-sync-${d.id}`}>
      {d.lastSyncAt ? (
        <Typography variant="caption" color="text.secondary">
          {t('admin.directories.lastSyncAt', { date: f.date(d.lastSyncAt) })}
        </Typography>
      ) : (
        <Typography variant="caption" color="text.secondary">
          {t('admin.directories.neverSynced')}
        </Typography>
      )}
      {r && (
        <Typography variant="caption">
          {t('admin.directories.reportLine', {
            created: f.number(r.created),
            updated: f.number(r.updated),
            deactivated: f.number(r.deactivated),
          })}
        </Typography>
      )}
      {d.lastSyncError && (
        <Typography variant="caption" color="error" sx={{ overflowWrap: 'anywhere' }}>
          {/* The directory server's own words: they keep their direction. */}
          {t('admin.directories.lastSyncError')} <bdi dir="auto">{d.lastSyncError}</bdi>
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary">
        {d.active && d.syncIntervalMinutes > 0 && d.nextSyncAt
          ? t('admin.directories.nextSync', { date: f.date(d.nextSyncAt) })
          : t('admin.directories.noSchedule')}
      </Typography>
    </Stack>
  );
}
