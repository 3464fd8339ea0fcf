import { useState } from 'react';
import { Box, Button, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import type { TPlan } from '../../../contracts/cloud';
import { fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { NumberField } from '../../ui/NumberField';
import { autoDirInput } from '../../ui/UserText';
import { LabelledSwitch } from '../admin/LabelledSwitch';
import { EntityDialog } from '../admin/EntityDialog';
import { bodyOf, formOf, LIMIT_NAMES, type PlanForm } from './plan-form';

/** Creates or edits a plan: names, limits (each may be unlimited), prices per months, trial, order. */
export function PlanDialog({
  plan,
  onClose,
  onSaved,
}: {
  plan: TPlan | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [form, setForm] = useState<PlanForm>(() => formOf(plan));
  const set = (patch: Partial<PlanForm>) => setForm((cur) => ({ ...cur, ...patch }));
  const save = useMutation({
    mutationFn: () =>
      plan
        ? call('updatePlan', { path: { id: plan.id }, body: bodyOf(form) })
        : call('createPlan', { body: bodyOf(form) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['operator', 'plans'] });
      onSaved();
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  const shown = ['name', 'nameEn', 'trialDays', 'position', 'prices', 'limits'];
  for (const l of LIMIT_NAMES) shown.push(`limits.${l}`);
  form.prices.forEach((_, i) => shown.push(`prices.${i}.months`, `prices.${i}.amount`));

  return (
    <EntityDialog
      open
      wide
      title={plan ? t('operator.plans.editTitle') : t('operator.plans.newTitle')}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={shown}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          fullWidth
          required
          label={t('operator.plans.name')}
          value={form.name}
          onChange={(e) => set({ name: e.target.value })}
          {...fe.field('name')}
          slotProps={{ htmlInput: { ...autoDirInput, maxLength: 80, 'data-testid': 'plan-name' } }}
        />
        <TextField
          fullWidth
          label={t('operator.plans.nameEn')}
          value={form.nameEn}
          onChange={(e) => set({ nameEn: e.target.value })}
          {...fe.field('nameEn', t('operator.plans.nameEnHint'))}
          slotProps={{ htmlInput: { dir: 'ltr', maxLength: 80, 'data-testid': 'plan-name-en' } }}
        />
      </Stack>

      <Typography variant="subtitle2" component="h3">
        {t('operator.plans.limits')}
      </Typography>
      {LIMIT_NAMES.map((l) => {
        const limit = form.limits[l];
        const setLimit = (patch: Partial<typeof limit>) =>
          set({ limits: { ...form.limits, [l]: { ...limit, ...patch } } });
        return (
          <Stack key={l} direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <NumberField
              label={t(`billing.limits.${l}`)}
              value={limit.unlimited ? '' : limit.value}
              onChange={(v) => setLimit({ value: v })}
              disabled={limit.unlimited}
              {...fe.field(`limits.${l}`)}
              sx={{ width: { sm: 300 } }}
              slotProps={{ htmlInput: { 'data-testid': `plan-limit-${l}` } }}
            />
            <LabelledSwitch
              label={t('operator.plans.unlimited')}
              checked={limit.unlimited}
              onChange={(on) => setLimit({ unlimited: on })}
              testId={`plan-unlimited-${l}`}
            />
          </Stack>
        );
      })}

      <Typography variant="subtitle2" component="h3">
        {t('operator.plans.prices')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('operator.plans.pricesHint')}
      </Typography>
      {fe.has('prices') && (
        <Typography variant="body2" color="error" role="alert">
          {fe.fields.prices}
        </Typography>
      )}
      {form.prices.map((p, i) => {
        const setPrice = (patch: Partial<typeof p>) =>
          set({ prices: form.prices.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
        return (
          <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <NumberField
              label={t('operator.plans.months')}
              value={p.months}
              onChange={(v) => setPrice({ months: v })}
              {...fe.field(`prices.${i}.months`)}
              sx={{ width: 110, flexShrink: 0 }}
              slotProps={{ htmlInput: { 'data-testid': `plan-price-months-${i}` } }}
            />
            <NumberField
              fullWidth
              label={t('operator.plans.amount')}
              value={p.amount}
              onChange={(v) => setPrice({ amount: v })}
              {...fe.field(
                `prices.${i}.amount`,
                p.amount ? t('credit.toman', { n: f.number(Number(p.amount)) }) : undefined,
              )}
              slotProps={{ htmlInput: { 'data-testid': `plan-price-amount-${i}` } }}
            />
            <Tooltip title={t('operator.plans.removePrice')}>
              <IconButton
                aria-label={t('operator.plans.removePrice')}
                onClick={() => set({ prices: form.prices.filter((_, j) => j !== i) })}
                sx={{ mt: 1 }}
              >
                <DeleteOutline />
              </IconButton>
            </Tooltip>
          </Stack>
        );
      })}
      <Box>
        <Button
          startIcon={<Add />}
          onClick={() => set({ prices: [...form.prices, { months: '', amount: '' }] })}
          disabled={form.prices.length >= 12}
          data-testid="plan-add-price"
        >
          {t('operator.plans.addPrice')}
        </Button>
      </Box>

      <Typography variant="subtitle2" component="h3">
        {t('operator.plans.offer')}
      </Typography>
      <LabelledSwitch
        label={t('operator.plans.trial')}
        hint={t('operator.plans.trialHint')}
        checked={form.trial}
        onChange={(on) => set({ trial: on })}
        testId="plan-trial"
      />
      {form.trial && (
        <NumberField
          label={t('operator.plans.trialDays')}
          value={form.trialDays}
          onChange={(v) => set({ trialDays: v })}
          {...fe.field('trialDays')}
          sx={{ width: { sm: 220 } }}
        />
      )}
      <LabelledSwitch
        label={t('operator.plans.active')}
        hint={t('operator.plans.activeHint')}
        checked={form.active}
        onChange={(on) => set({ active: on })}
        testId="plan-active"
      />
      <NumberField
        label={t('admin.common.position')}
        value={form.position}
        onChange={(v) => set({ position: v })}
        {...fe.field('position', t('admin.common.positionHint'))}
        sx={{ width: { sm: 220 } }}
      />
    </EntityDialog>
  );
}
