import { useState } from 'react';
import {
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { call } from '../../../app/api';
import { useFormat } from '../../../ui/format';
import { EmptyState, QueryView } from '../../../ui/states';
import { isolate } from '../../../ui/UserText';
import { CrudTable, type Column } from '../CrudTable';
import { TRIGGERS_KEY, type Trigger, type TriggerRun } from './model';

const COLOUR = { fired: 'success', failed: 'error', loop_stopped: 'warning' } as const;

/** K7: one trigger's run log, newest first: when, on which ticket, what it did or why it stopped. */
export function TriggerRunsDialog({ trigger, onClose }: { trigger: Trigger; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const runs = useQuery({
    queryKey: [...TRIGGERS_KEY, trigger.id, 'runs', page],
    queryFn: ({ signal }) => call('listTriggerRuns', { path: { id: trigger.id }, query: { page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
  const why = (r: TriggerRun) => {
    if (!r.reason) return null;
    const key = `admin.triggers.reasons.${r.reason.replace(/\./g, '_')}`;
    return i18n.exists(key) ? t(key) : t('admin.triggers.reasons.other');
  };
  const columns: Column<TriggerRun>[] = [
    { key: 'when', header: t('admin.triggers.runWhen'), render: (r) => f.date(r.createdAt) },
    {
      key: 'ticket',
      header: t('admin.triggers.runTicket'),
      render: (r) =>
        r.ticketNumber === null ? (
          '—'
        ) : (
          <Link component={RouterLink} to={`/agent/tickets/${r.ticketNumber}`}>
            {f.digits(`#${r.ticketNumber}`)}
          </Link>
        ),
    },
    {
      key: 'outcome',
      header: t('admin.triggers.runOutcome'),
      render: (r) => (
        <Chip
          size="small"
          variant="outlined"
          color={COLOUR[r.outcome]}
          label={t(`admin.triggers.outcomes.${r.outcome}`)}
        />
      ),
    },
    {
      key: 'detail',
      header: t('admin.triggers.runDetail'),
      render: (r) => (
        <Typography variant="body2" component="span">
          {why(r) ?? r.actions.map((a) => t(`admin.triggers.actions.${a.kind}`)).join(t('center.separator'))}
          {r.depth > 0 && (
            <Typography variant="caption" color="text.secondary" component="span">
              {' '}
              {t('admin.triggers.runDepth', { n: f.number(r.depth) })}
            </Typography>
          )}
        </Typography>
      ),
    },
  ];
  return (
    <Dialog open onClose={onClose} fullScreen={phone} fullWidth maxWidth="md" aria-labelledby="trigger-runs-title">
      <DialogTitle id="trigger-runs-title">
        {t('admin.triggers.runsTitle', { name: isolate(trigger.name) })}
      </DialogTitle>
      <DialogContent dividers data-testid="trigger-runs">
        <QueryView query={runs} rows={3}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title={t('admin.triggers.noRuns')} hint={t('admin.triggers.noRunsHint')} />
            ) : (
              <CrudTable
                rows={data.items}
                columns={columns}
                getId={(r) => r.id}
                rowName={(r) => r.id}
                caption={t('admin.triggers.runsCaption')}
                paging={{ page, pageSize, total: data.total, onPage: setPage }}
              />
            )
          }
        </QueryView>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
