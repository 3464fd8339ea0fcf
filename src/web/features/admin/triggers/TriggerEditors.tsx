import { Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import type { TConditionField, TTriggerEvent, TTriggerOp } from '../../../../contracts/triggers';
import { autoDirInput } from '../../../ui/UserText';
import {
  ACTION_KINDS,
  FIELD_NAMES,
  FIELDS,
  keyOf,
  MESSAGE_FIELDS,
  newAction,
  PLACEHOLDERS,
  newCondition,
  type ActionDraft,
  type ActionKind,
  type ConditionDraft,
  type ValueKind,
} from './model';
import { Picker, Row, RowButtons, useOptions, type Option, type TriggerLookups } from './TriggerParts';

export type { Option, TriggerLookups };

type Errors = Record<string, string>;

/** The conditions, all of which must hold: field, operator, and a value picked by the field's kind. */
export function ConditionsEditor({
  event,
  rows,
  onChange,
  lookups,
  errors,
}: {
  event: TTriggerEvent;
  rows: ConditionDraft[];
  onChange: (rows: ConditionDraft[]) => void;
  lookups: TriggerLookups;
  errors: Errors;
}) {
  const { t } = useTranslation();
  const options = useOptions(lookups);
  const fields = FIELD_NAMES.filter((f) => event === 'message.created' || !MESSAGE_FIELDS.includes(f));
  const set = (i: number, patch: Partial<ConditionDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack spacing={1.5}>
      {rows.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('admin.triggers.noConditions')}
        </Typography>
      )}
      {rows.map((c, i) => {
        const kind = FIELDS[c.field][c.op] ?? 'none';
        const at = `conditions.${i}`;
        const valueError = Object.entries(errors).find(([k]) => k.startsWith(`${at}.value`))?.[1];
        return (
          <Row key={c.key} testId={`trigger-condition-${i}`}>
            <TextField
              select
              size="small"
              label={t('admin.triggers.field')}
              value={c.field}
              onChange={(e) => set(i, { ...newCondition(e.target.value as TConditionField), key: c.key })}
              error={!!errors[`${at}.field`]}
              helperText={errors[`${at}.field`]}
              sx={{ minWidth: 170 }}
              data-testid={`trigger-condition-field-${i}`}
            >
              {fields.map((f) => (
                <MenuItem key={f} value={f}>
                  {t(`admin.triggers.fields.${keyOf(f)}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={t('admin.triggers.op')}
              value={c.op}
              onChange={(e) => set(i, { op: e.target.value as TTriggerOp, value: '', values: [] })}
              error={!!errors[`${at}.op`]}
              helperText={errors[`${at}.op`]}
              sx={{ minWidth: 150 }}
              data-testid={`trigger-condition-op-${i}`}
            >
              {Object.keys(FIELDS[c.field]).map((op) => (
                <MenuItem key={op} value={op}>
                  {t(
                    FIELDS[c.field][op as TTriggerOp] === 'empty'
                      ? `admin.triggers.opsEmpty.${op}`
                      : `admin.triggers.ops.${op}`,
                  )}
                </MenuItem>
              ))}
            </TextField>
            {kind === 'text' && (
              <TextField
                size="small"
                label={t('admin.triggers.value')}
                value={c.value}
                onChange={(e) => set(i, { value: e.target.value })}
                error={!!valueError}
                helperText={valueError ?? t('admin.triggers.subjectHint')}
                sx={{ flex: 1 }}
                slotProps={{
                  htmlInput: { ...autoDirInput, maxLength: 200, 'data-testid': `trigger-condition-value-${i}` },
                }}
              />
            )}
            {kind !== 'text' && kind !== 'none' && kind !== 'empty' && (
              <Picker
                label={t('admin.triggers.value')}
                multiple={c.op === 'in'}
                value={c.value}
                values={c.values}
                options={options(kind)}
                onChange={(v) => set(i, { value: v })}
                onChangeMany={(v) => set(i, { values: v })}
                error={valueError}
                testId={`trigger-condition-value-${i}`}
                emptyLabel={kind === 'type' ? t('admin.triggers.noType') : undefined}
              />
            )}
            {(kind === 'none' || kind === 'empty') && <Box sx={{ flex: 1 }} />}
            <RowButtons
              index={i}
              count={rows.length}
              onRemove={() => onChange(rows.filter((_, j) => j !== i))}
              label={t(`admin.triggers.fields.${keyOf(c.field)}`)}
            />
          </Row>
        );
      })}
      <Button
        startIcon={<Add />}
        onClick={() => onChange([...rows, newCondition()])}
        sx={{ alignSelf: 'flex-start' }}
        data-testid="trigger-add-condition"
      >
        {t('admin.triggers.addCondition')}
      </Button>
    </Stack>
  );
}

/** What an action's value is picked from. */
const ACTION_VALUE: Record<Exclude<ActionKind, 'notify' | 'add_note'>, ValueKind | 'webhook'> = {
  set_status: 'status',
  set_priority: 'priority',
  set_department: 'department',
  set_assignee: 'agent',
  add_tag: 'tag',
  remove_tag: 'tag',
  call_webhook: 'webhook',
};

/** The actions, run in the order listed (up and down to reorder). */
export function ActionsEditor({
  rows,
  onChange,
  lookups,
  errors,
}: {
  rows: ActionDraft[];
  onChange: (rows: ActionDraft[]) => void;
  lookups: TriggerLookups;
  errors: Errors;
}) {
  const { t } = useTranslation();
  const options = useOptions(lookups);
  const set = (i: number, patch: Partial<ActionDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (from: number, to: number) => {
    const next = [...rows];
    const [row] = next.splice(from, 1);
    next.splice(to, 0, row);
    onChange(next);
  };
  const under = (prefix: string) => Object.entries(errors).find(([k]) => k.startsWith(prefix))?.[1];
  return (
    <Stack spacing={1.5}>
      {rows.map((a, i) => {
        const at = `actions.${i}`;
        const valueKind = a.kind === 'notify' || a.kind === 'add_note' ? null : ACTION_VALUE[a.kind];
        let opts: Option[] = [];
        if (valueKind === 'webhook') opts = lookups.webhooks;
        else if (valueKind) opts = options(valueKind);
        if (a.kind === 'set_status') opts = opts.filter((o) => o.id !== 'locked');
        if (a.kind === 'set_assignee') opts = [{ id: 'unassign', name: t('admin.triggers.unassign') }, ...opts];
        return (
          <Row key={a.key} testId={`trigger-action-${i}`}>
            <TextField
              select
              size="small"
              label={t('admin.triggers.action')}
              value={a.kind}
              onChange={(e) => set(i, { ...newAction(e.target.value as ActionKind), key: a.key })}
              error={!!errors[`${at}.kind`]}
              helperText={errors[`${at}.kind`]}
              sx={{ minWidth: 190 }}
              data-testid={`trigger-action-kind-${i}`}
            >
              {ACTION_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {t(`admin.triggers.actions.${k}`)}
                </MenuItem>
              ))}
            </TextField>
            {valueKind && (
              <Picker
                label={t('admin.triggers.value')}
                value={a.value}
                options={opts}
                onChange={(v) => set(i, { value: v })}
                error={under(`${at}.`)}
                testId={`trigger-action-value-${i}`}
              />
            )}
            {a.kind === 'add_note' && (
              <TextField
                size="small"
                multiline
                minRows={2}
                label={t('admin.triggers.noteText')}
                value={a.value}
                onChange={(e) => set(i, { value: e.target.value })}
                error={!!under(`${at}.`)}
                helperText={under(`${at}.`) ?? t('admin.triggers.noteHint', PLACEHOLDERS)}
                sx={{ flex: 1 }}
                slotProps={{
                  htmlInput: { ...autoDirInput, maxLength: 5000, 'data-testid': `trigger-action-value-${i}` },
                }}
              />
            )}
            {a.kind === 'notify' && (
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ flex: 1 }}>
                <Picker
                  label={t('admin.triggers.notifyPeople')}
                  multiple
                  values={a.userIds}
                  options={lookups.agents}
                  onChangeMany={(v) => set(i, { userIds: v })}
                  error={under(`${at}.userIds`)}
                  testId={`trigger-action-people-${i}`}
                />
                <Picker
                  label={t('admin.triggers.notifyDepartments')}
                  multiple
                  values={a.departmentIds}
                  options={lookups.departments}
                  onChangeMany={(v) => set(i, { departmentIds: v })}
                  error={under(`${at}.departmentIds`)}
                  testId={`trigger-action-departments-${i}`}
                />
              </Stack>
            )}
            <RowButtons
              index={i}
              count={rows.length}
              onMove={(to) => move(i, to)}
              onRemove={() => onChange(rows.filter((_, j) => j !== i))}
              label={t(`admin.triggers.actions.${a.kind}`)}
            />
          </Row>
        );
      })}
      {errors.actions && (
        <Typography variant="body2" color="error" role="alert">
          {errors.actions}
        </Typography>
      )}
      <Button
        startIcon={<Add />}
        onClick={() => onChange([...rows, newAction()])}
        sx={{ alignSelf: 'flex-start' }}
        data-testid="trigger-add-action"
      >
        {t('admin.triggers.addAction')}
      </Button>
    </Stack>
  );
}
