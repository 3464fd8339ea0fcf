import { Autocomplete, FormControlLabel, MenuItem, Stack, Switch, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TStatus } from '../ticket/types';
import { PRIORITIES, STATUSES, type Priority } from '../../../ui/ticket-bits';
import { EmailsField } from '../../../ui/EmailsField';
import { useDepartments, useStaff, useTags, useTicketTypes, type Named } from './lookups';
import { autoDirInput, UserText } from '../../../ui/UserText';
import { userTextChips, userTextOption } from '../../../ui/userTextOptions';

export interface TicketOptions {
  departmentId: string;
  typeId: string;
  priority: Priority;
  /** '' lets the server choose (pending when opened for someone, else active) */
  status: TStatus | '';
  tags: string[];
  cc: string[];
  bcc: string[];
  assignees: Named[];
  pinned: boolean;
}

interface Props {
  value: TicketOptions;
  onChange: (v: TicketOptions) => void;
  field: (name: string) => { error: boolean; helperText?: string };
}

/** The side panel of a new ticket: where it goes, how urgent, who follows it, who gets copies. */
export function NewTicketOptions({ value, onChange, field }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const types = useTicketTypes();
  const tags = useTags();
  const staff = useStaff();
  const set = <K extends keyof TicketOptions>(k: K, v: TicketOptions[K]) => onChange({ ...value, [k]: v });
  return (
    <Stack spacing={2}>
      <TextField
        select
        label={t('agentNew.department')}
        value={value.departmentId}
        onChange={(e) => set('departmentId', e.target.value)}
        required
        {...field('departmentId')}
        slotProps={{ htmlInput: { 'data-testid': 'new-department' } }}
      >
        {(departments.data?.items ?? [])
          .filter((d) => d.active)
          .map((d) => (
            <MenuItem key={d.id} value={d.id}>
              <UserText>{d.name}</UserText>
            </MenuItem>
          ))}
      </TextField>
      <TextField
        select
        label={t('agentNew.type')}
        value={value.typeId}
        onChange={(e) => set('typeId', e.target.value)}
        {...field('typeId')}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">{t('agentNew.noType')}</MenuItem>
        {(types.data?.items ?? [])
          .filter((ty) => ty.active)
          .map((ty) => (
            <MenuItem key={ty.id} value={ty.id}>
              <UserText>{ty.name}</UserText>
            </MenuItem>
          ))}
      </TextField>
      <TextField
        select
        label={t('agentNew.priority')}
        value={value.priority}
        onChange={(e) => set('priority', e.target.value as Priority)}
        {...field('priority')}
      >
        {PRIORITIES.map((p) => (
          <MenuItem key={p} value={p}>
            {t(`priority.${p}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('agentNew.status')}
        value={value.status}
        onChange={(e) => set('status', e.target.value as TStatus | '')}
        {...field('status')}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">{t('agentNew.statusAuto')}</MenuItem>
        {STATUSES.map((s) => (
          <MenuItem key={s} value={s}>
            {t(`status.${s}`)}
          </MenuItem>
        ))}
      </TextField>
      <Autocomplete
        multiple
        options={staff.data ?? []}
        value={value.assignees}
        onChange={(_, v) => set('assignees', v)}
        getOptionLabel={(o) => o.name}
        renderOption={userTextOption((o) => o.name)}
        renderValue={userTextChips((o) => o.name)}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('agentNew.assignees')}
            {...field('assigneeIds')}
            slotProps={{ htmlInput: { ...params.inputProps, ...autoDirInput } }}
          />
        )}
      />
      <Autocomplete
        multiple
        freeSolo
        options={(tags.data?.items ?? []).map((tg) => tg.name)}
        value={value.tags}
        onChange={(_, v) => set('tags', (v as string[]).map((s) => s.trim()).filter(Boolean))}
        renderOption={userTextOption((o: string) => o)}
        renderValue={userTextChips((v: string) => v)}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('agentNew.tags')}
            {...field('tags')}
            helperText={field('tags').helperText ?? t('agentNew.tagsHint')}
            slotProps={{ htmlInput: { ...params.inputProps, ...autoDirInput } }}
          />
        )}
      />
      <EmailsField label={t('agentNew.cc')} value={value.cc} onChange={(v) => set('cc', v)} {...field('cc')} />
      <EmailsField label={t('agentNew.bcc')} value={value.bcc} onChange={(v) => set('bcc', v)} {...field('bcc')} />
      <FormControlLabel
        control={<Switch checked={value.pinned} onChange={(e) => set('pinned', e.target.checked)} />}
        label={t('agentNew.pinned')}
      />
    </Stack>
  );
}
