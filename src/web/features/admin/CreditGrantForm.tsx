import { useState } from 'react';
import { Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors, FormError } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { NumberField } from '../../ui/NumberField';
import { autoDirInput } from '../../ui/UserText';
import { CREDIT_KEY } from '../notifications/LowCreditBanner';
import { Notice, useNotice } from './Notice';
import { SettingsSection } from './SettingsSection';
import { SubmitButton } from './SubmitButton';

/** Adds credit (a self-hosted install records what it bought from its SMS vendor), with a note for the ledger. */
export function CreditGrantForm() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const n = useNotice();
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const grant = useMutation({
    mutationFn: () => call('grantCredit', { body: { amount: Number(amount), note: note.trim() } }),
    onSuccess: (next) => {
      qc.setQueryData(CREDIT_KEY, next);
      void qc.invalidateQueries({ queryKey: [...CREDIT_KEY, 'entries'] });
      n.ok(t('credit.grant.done', { amount: t('credit.toman', { n: f.number(Number(amount)) }) }));
      setAmount('');
      setNote('');
    },
  });
  const fe = fieldErrors(grant.error);
  return (
    <SettingsSection id="credit-grant" title={t('credit.grant.title')} hint={t('credit.grant.hint')}>
      <Stack
        component="form"
        noValidate
        spacing={2}
        onSubmit={(e) => {
          e.preventDefault();
          if (Number(amount) > 0 && !grant.isPending) grant.mutate();
        }}
      >
        <FormError error={grant.error} shown={['amount', 'note']} />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <NumberField
            required
            label={t('credit.grant.amount')}
            value={amount}
            onChange={setAmount}
            {...fe.field('amount', t('credit.grant.amountHint'))}
            sx={{ minWidth: { sm: 220 } }}
            slotProps={{ htmlInput: { 'data-testid': 'credit-grant-amount' } }}
          />
          <TextField
            fullWidth
            label={t('credit.grant.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            {...fe.field('note')}
            slotProps={{ htmlInput: { ...autoDirInput, maxLength: 500, 'data-testid': 'credit-grant-note' } }}
          />
        </Stack>
        <SubmitButton disabled={!(Number(amount) > 0)} loading={grant.isPending} testId="credit-grant-submit">
          {t('credit.grant.submit')}
        </SubmitButton>
      </Stack>
      <Notice notice={n.notice} onClose={n.clear} />
    </SettingsSection>
  );
}
