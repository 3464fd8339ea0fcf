import { useState } from 'react';
import { Alert, Button, Paper, Snackbar, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type BodyOf } from '../../../app/api';
import { can, useMe } from '../../../app/session';
import { errorMessage } from '../../../ui/states';
import { useFormat } from '../../../ui/format';
import { PRIORITIES, STATUSES } from '../../../ui/ticket-bits';
import { BulkResultDialog, ConfirmDialog, type BulkResult } from './BulkDialogs';
import { useDepartments, useStaff } from './lookups';

type Action = BodyOf<'bulkUpdateTickets'>['action'];

interface Props {
  selected: number[];
  /** Called after a run with the numbers that failed (they stay selected). */
  onFinished: (failed: number[]) => void;
}

/** D2: one action over the selected tickets, with a report of what failed and why. */
export function BulkBar({ selected, onFinished }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe().data;
  const qc = useQueryClient();
  const departments = useDepartments();
  const staff = useStaff();
  const actions: Action[] = (
    ['status', 'priority', 'lock', 'transfer', 'assign', 'delete', 'restore'] as Action[]
  ).filter((a) =>
    a === 'status' || a === 'lock'
      ? can(me, 'tickets.edit')
      : a === 'transfer'
        ? can(me, 'tickets.transfer')
        : a === 'assign'
          ? can(me, 'tickets.assign')
          : a === 'delete' || a === 'restore'
            ? can(me, 'tickets.delete')
            : true,
  );
  const [action, setAction] = useState<Action>(actions[0] ?? 'priority');
  const [values, setValues] = useState<Record<string, string>>({
    status: 'closed',
    priority: 'high',
    lock: 'lock',
    transfer: '',
    assign: '',
  });
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [toast, setToast] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: () => {
      const v = values[action];
      const value =
        action === 'transfer'
          ? { departmentId: v }
          : action === 'assign'
            ? { assigneeId: v === 'none' ? null : v }
            : action === 'delete' || action === 'restore'
              ? undefined
              : v;
      const input: BodyOf<'bulkUpdateTickets'> = { numbers: selected, action, value };
      return call('bulkUpdateTickets', { body: input });
    },
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      for (const n of res.done) void qc.invalidateQueries({ queryKey: ['ticket', n] });
      if (res.failed.length) setResult(res);
      else setToast(t('center.bulk.done', { count: res.done.length, n: f.number(res.done.length) }));
      onFinished(res.failed.map((x) => x.number));
    },
    onError: (err) => setToast(errorMessage(err, t('errors.generic'))),
  });

  const needsValue = action === 'transfer' || action === 'assign';
  const apply = () => (action === 'delete' ? setConfirming(true) : run.mutate());
  const valueSelect = (testId: string, options: Array<[string, string]>) => (
    <TextField
      select
      size="small"
      label={t('center.bulk.value')}
      value={values[action]}
      onChange={(e) => setValues((v) => ({ ...v, [action]: e.target.value }))}
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': testId }, inputLabel: { shrink: true } }}
      sx={{ flex: { xs: '1 1 120px', sm: '0 0 auto' }, minWidth: { sm: 160 } }}
    >
      {needsValue && <option value="">{t('center.bulk.choose')}</option>}
      {options.map(([v, label]) => (
        // Department and agent names are people's text: each option takes its own direction.
        <option key={v} value={v} dir="auto">
          {label}
        </option>
      ))}
    </TextField>
  );

  return (
    <>
      {selected.length > 0 && actions.length > 0 && (
        <Paper
          elevation={4}
          data-testid="bulk-bar"
          role="region"
          aria-label={t('center.bulk.label')}
          sx={{ position: 'sticky', bottom: 8, zIndex: 2, p: 1.5, mt: 2 }}
        >
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography
              variant="body2"
              sx={{ fontWeight: 600, flexBasis: { xs: '100%', sm: 'auto' } }}
              aria-live="polite"
            >
              {t('center.bulk.selected', { count: selected.length, n: f.number(selected.length) })}
            </Typography>
            <TextField
              select
              size="small"
              label={t('center.bulk.action')}
              value={action}
              onChange={(e) => setAction(e.target.value as Action)}
              slotProps={{
                select: { native: true },
                htmlInput: { 'data-testid': 'bulk-action' },
                inputLabel: { shrink: true },
              }}
              sx={{ flex: { xs: '1 1 140px', sm: '0 0 auto' }, minWidth: { sm: 180 } }}
            >
              {actions.map((a) => (
                <option key={a} value={a}>
                  {t(`center.bulk.actions.${a}`)}
                </option>
              ))}
            </TextField>
            {action === 'status' &&
              valueSelect(
                'bulk-status',
                STATUSES.map((s) => [s, t(`status.${s}`)]),
              )}
            {action === 'priority' &&
              valueSelect(
                'bulk-priority',
                PRIORITIES.map((p) => [p, t(`priority.${p}`)]),
              )}
            {action === 'lock' &&
              valueSelect('bulk-lock', [
                ['lock', t('center.bulk.lock')],
                ['unlock', t('center.bulk.unlock')],
              ])}
            {action === 'transfer' &&
              valueSelect(
                'bulk-department',
                (departments.data?.items ?? []).filter((d) => d.active).map((d) => [d.id, d.name]),
              )}
            {action === 'assign' &&
              valueSelect('bulk-assignee', [
                ['none', t('center.assigneeNone')],
                ...(staff.data ?? []).map((u): [string, string] => [u.id, u.name]),
              ])}
            <Button
              variant="contained"
              onClick={apply}
              disabled={run.isPending || (needsValue && !values[action])}
              data-testid="bulk-apply"
            >
              {run.isPending ? t('center.bulk.applying') : t('center.bulk.apply')}
            </Button>
            <Button onClick={() => onFinished([])}>{t('center.bulk.clear')}</Button>
          </Stack>
        </Paper>
      )}
      <ConfirmDialog
        open={confirming}
        text={t('center.bulk.confirmDelete', { count: selected.length, n: f.number(selected.length) })}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          run.mutate();
        }}
      />
      <BulkResultDialog result={result} onClose={() => setResult(null)} />
      <Snackbar open={!!toast} autoHideDuration={5000} onClose={() => setToast(null)}>
        <Alert
          severity={run.isError ? 'error' : 'success'}
          onClose={() => setToast(null)}
          variant="filled"
          data-testid="bulk-toast"
        >
          {toast}
        </Alert>
      </Snackbar>
    </>
  );
}
