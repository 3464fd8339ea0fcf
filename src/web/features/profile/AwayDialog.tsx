import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type BodyOf } from '../../app/api';
import { ME_KEY, type Me } from '../../app/session';
import { DateField } from '../../ui/DateField';
import { dateOfDay, dayOfDate } from '../../ui/date/day-text';
import { FormError, fieldErrors } from '../../ui/form';
import { addDays, useFormat } from '../../ui/format';
import { AwayChip } from '../../ui/AwayChip';
import { UserText } from '../../ui/UserText';
import { LabelledSwitch } from '../admin/LabelledSwitch';
import { useAgents } from '../agent/ticket/queries';

const NONE = '';

/**
 * Issue 20: a staff member says they are away — optionally until a day (they are back by
 * themselves at its start) and with a substitute who gets what is assigned to them meanwhile.
 */
export function AwayDialog({ me, onClose }: { me: Me; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const u = me.user;
  const agents = useAgents();
  const [away, setAway] = useState(u.away);
  const [day, setDay] = useState<string | null>(u.awayUntil ? dayOfDate(new Date(u.awayUntil)) : null);
  const [substitute, setSubstitute] = useState(u.substituteId ?? NONE);
  const save = useMutation({
    mutationFn: () => {
      const body: BodyOf<'updateMe'> = { away, substituteId: substitute || null };
      if (away) body.awayUntil = day ? (dateOfDay(day)?.toISOString() ?? null) : null;
      return call('updateMe', { body });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ME_KEY });
      await qc.invalidateQueries({ queryKey: ['agents'] });
      await qc.invalidateQueries({ queryKey: ['admin', 'users'] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const others = (agents.data ?? []).filter((a) => a.id !== u.id);
  return (
    <Dialog open onClose={save.isPending ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby="away-title">
      <DialogTitle id="away-title">{t('away.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('away.intro')}</DialogContentText>
        <FormError error={save.error} shown={['away', 'awayUntil', 'substituteId']} />
        <Stack spacing={2}>
          <LabelledSwitch
            label={t('away.switch')}
            checked={away}
            onChange={setAway}
            hint={away ? t('away.switchOnHint') : t('away.switchOffHint')}
            error={errs.fields.away}
            testId="away-switch"
          />
          {away && (
            <DateField
              label={t('away.until')}
              value={day}
              onChange={setDay}
              min={addDays(f.today(), 1)}
              {...errs.field('awayUntil', t('away.untilHint'))}
            />
          )}
          <TextField
            select
            fullWidth
            label={t('away.substitute')}
            value={agents.data ? substitute : NONE}
            onChange={(e) => setSubstitute(e.target.value)}
            {...errs.field('substituteId', t('away.substituteHint'))}
            slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            data-testid="away-substitute"
          >
            <MenuItem value={NONE}>{t('away.noSubstitute')}</MenuItem>
            {/* A substitute beyond the first hundred staff stays chosen (shown by id). */}
            {substitute && !others.some((a) => a.id === substitute) && (
              <MenuItem value={substitute}>{substitute}</MenuItem>
            )}
            {others.map((a) => (
              <MenuItem key={a.id} value={a.id}>
                <UserText>{a.name}</UserText>
                {a.away && <AwayChip />}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={save.isPending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" loading={save.isPending} onClick={() => save.mutate()} data-testid="away-save">
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
