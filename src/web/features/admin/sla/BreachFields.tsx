import { Autocomplete, Box, MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { autoDirInput, UserText } from '../../../ui/UserText';
import { userTextChips, userTextOption } from '../../../ui/userTextOptions';
import { LabelledSwitch } from '../LabelledSwitch';
import type { Department, User } from '../types';
import { messageUnder, type Draft } from './model';

interface Person {
  id: string;
  label: string;
}

const personOf = (u: User): Person => ({ id: u.id, label: u.name ? `${u.name} (${u.username})` : u.username });

/** What happens when a target is missed: transfer, assign, raise the priority, tell people. */
export function BreachFields({
  draft,
  set,
  fields,
  departments,
  staff,
}: {
  draft: Draft;
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void;
  fields: Record<string, string>;
  departments: Department[];
  /** Agents and admins: who may be assigned or told. */
  staff: User[];
}) {
  const { t } = useTranslation();
  const people = staff.map(personOf);
  // A person the list does not hold (more than a hundred agents) still shows, by id.
  const find = (id: string): Person => people.find((p) => p.id === id) ?? { id, label: `#${id}` };
  const common = {
    options: people,
    getOptionLabel: (p: Person) => p.label,
    renderOption: userTextOption((p: Person) => p.label),
    isOptionEqualToValue: (a: Person, b: Person) => a.id === b.id,
    noOptionsText: t('admin.common.noMatches'),
    size: 'small' as const,
  };
  const assignError = messageUnder(fields, 'onBreach.assignToId');
  const notifyError = messageUnder(fields, 'onBreach.notify');
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
      <TextField
        select
        size="small"
        label={t('admin.sla.transferTo')}
        value={draft.transferToDepartmentId}
        onChange={(e) => set('transferToDepartmentId', e.target.value)}
        error={!!messageUnder(fields, 'onBreach.transferToDepartmentId')}
        helperText={messageUnder(fields, 'onBreach.transferToDepartmentId')}
        slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
        data-testid="sla-transfer"
      >
        <MenuItem value="">{t('admin.sla.noTransfer')}</MenuItem>
        {departments.map((d) => (
          <MenuItem key={d.id} value={d.id}>
            <UserText>{d.name}</UserText>
          </MenuItem>
        ))}
      </TextField>
      <Autocomplete
        {...common}
        value={draft.assignToId ? find(draft.assignToId) : null}
        onChange={(_e, v) => set('assignToId', v?.id ?? '')}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('admin.sla.assignTo')}
            placeholder={draft.assignToId ? undefined : t('admin.sla.noAssign')}
            error={!!assignError}
            helperText={assignError}
            slotProps={{
              inputLabel: { shrink: true },
              htmlInput: { ...params.inputProps, ...autoDirInput, 'data-testid': 'sla-assign' },
            }}
          />
        )}
      />
      <Autocomplete
        {...common}
        multiple
        filterSelectedOptions
        value={draft.notify.map(find)}
        onChange={(_e, v) =>
          set(
            'notify',
            v.map((p) => p.id),
          )
        }
        renderValue={userTextChips((p: Person) => p.label)}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('admin.sla.notify')}
            error={!!notifyError}
            helperText={notifyError ?? t('admin.sla.notifyHint')}
            slotProps={{ htmlInput: { ...params.inputProps, ...autoDirInput, 'data-testid': 'sla-notify' } }}
          />
        )}
      />
      <LabelledSwitch
        label={t('admin.sla.raisePriority')}
        checked={draft.raisePriority}
        onChange={(v) => set('raisePriority', v)}
        hint={t('admin.sla.raisePriorityHint')}
        error={messageUnder(fields, 'onBreach.raisePriority')}
        testId="sla-raise-priority"
      />
    </Box>
  );
}
