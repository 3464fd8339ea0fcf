import type { ReactNode } from 'react';
import { Box, Checkbox, ListItemText, ListSubheader, MenuItem, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../ui/ticket-bits';
import { UserText } from '../../../ui/UserText';
import type { Department, TicketType } from '../types';
import type { RequestTypeOption } from './lookups';
import { messageUnder, type Draft } from './model';

interface Option {
  id: string;
  label: string;
  /** Options of one group follow each other; a heading comes before each group. */
  group?: string;
  user?: boolean;
}

/** Several of a list, as a select whose empty choice reads "every …" (an empty condition holds for all). */
function MultiPick({
  label,
  empty,
  options,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  empty: string;
  options: Option[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const name = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  const items: ReactNode[] = [];
  let group: string | undefined;
  for (const o of options) {
    if (o.group !== undefined && o.group !== group) {
      group = o.group;
      items.push(
        <ListSubheader key={`g:${o.group}:${o.id}`}>
          <UserText>{o.group}</UserText>
        </ListSubheader>,
      );
    }
    items.push(
      <MenuItem key={o.id} value={o.id} dense>
        <Checkbox size="small" checked={value.includes(o.id)} sx={{ p: 0.5, marginInlineEnd: 1 }} tabIndex={-1} />
        <ListItemText primary={o.user ? <UserText>{o.label}</UserText> : o.label} />
      </MenuItem>,
    );
  }
  return (
    <TextField
      select
      size="small"
      fullWidth
      label={label}
      value={value}
      onChange={(e) => {
        const v = e.target.value as unknown as string[] | string;
        onChange((typeof v === 'string' ? v.split(',') : v).filter(Boolean));
      }}
      error={!!error}
      helperText={error}
      slotProps={{
        select: {
          multiple: true,
          displayEmpty: true,
          renderValue: (v) =>
            (v as string[]).length ? (
              <bdi>{(v as string[]).map(name).join(t('center.separator'))}</bdi>
            ) : (
              <Typography component="span" variant="body2" color="text.secondary">
                {empty}
              </Typography>
            ),
        },
        inputLabel: { shrink: true },
      }}
      data-testid={testId}
    >
      {items}
    </TextField>
  );
}

/** Which tickets a policy is for: departments, priorities, request types and ticket types (all must hold). */
export function ConditionsFields({
  draft,
  set,
  fields,
  departments,
  ticketTypes,
  requestTypes,
}: {
  draft: Draft;
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void;
  fields: Record<string, string>;
  departments: Department[];
  ticketTypes: TicketType[];
  requestTypes: RequestTypeOption[];
}) {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
      <MultiPick
        label={t('admin.sla.departments')}
        empty={t('admin.sla.anyDepartment')}
        options={departments.map((d) => ({ id: d.id, label: d.name, user: true }))}
        value={draft.departmentIds}
        onChange={(v) => set('departmentIds', v)}
        error={messageUnder(fields, 'conditions.departmentIds')}
        testId="sla-departments"
      />
      <MultiPick
        label={t('admin.sla.priorities')}
        empty={t('admin.sla.anyPriority')}
        options={PRIORITIES.map((p) => ({ id: p, label: t(`priority.${p}`) }))}
        value={draft.priorities}
        onChange={(v) => set('priorities', v as Priority[])}
        error={messageUnder(fields, 'conditions.priorities')}
        testId="sla-priorities"
      />
      <MultiPick
        label={t('admin.sla.requestTypes')}
        empty={t('admin.sla.anyRequestType')}
        options={requestTypes.map((r) => ({ id: r.id, label: r.name, group: r.deskName, user: true }))}
        value={draft.requestTypeIds}
        onChange={(v) => set('requestTypeIds', v)}
        error={messageUnder(fields, 'conditions.requestTypeIds')}
        testId="sla-request-types"
      />
      <MultiPick
        label={t('admin.sla.ticketTypes')}
        empty={t('admin.sla.anyTicketType')}
        options={ticketTypes.map((ty) => ({ id: ty.id, label: ty.name, user: true }))}
        value={draft.typeIds}
        onChange={(v) => set('typeIds', v)}
        error={messageUnder(fields, 'conditions.typeIds')}
        testId="sla-ticket-types"
      />
    </Box>
  );
}
