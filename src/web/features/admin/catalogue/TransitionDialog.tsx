import { useState } from 'react';
import { Box, Chip, Divider, MenuItem, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { autoDirInput, isolate, UserText } from '../../../ui/UserText';
import type { Calendar } from '../calendars/model';
import { LabelledSwitch } from '../LabelledSwitch';
import type { Department } from '../types';
import { ActionsEditor } from './ActionsEditor';
import { pick, shownError } from './errors';
import { ItemDialog } from './ItemDialog';
import { WHO, type StatusDraft, type TransitionDraft } from './model';
import { TransitionTimerFields } from './TransitionTimerFields';

/**
 * E2/E3/E5: one transition of a workflow — the button people see (its name), the statuses it
 * starts from and leads to, who may take it, what it asks for, its timer and its actions.
 */
export function TransitionDialog({
  transition,
  isNew,
  statuses,
  others,
  errors,
  departments,
  calendars,
  fieldKeys,
  onSave,
  onClose,
}: {
  transition: TransitionDraft;
  isNew: boolean;
  statuses: StatusDraft[];
  /** The workflow's other transitions. */
  others: TransitionDraft[];
  /** Messages by uid: this transition's and its actions'. */
  errors: Record<string, Record<string, string>>;
  departments: Department[];
  calendars: Calendar[];
  fieldKeys: Array<{ key: string; label: string }>;
  onSave: (next: TransitionDraft) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(transition);
  const set = <K extends keyof TransitionDraft>(k: K, v: TransitionDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const mine = errors[transition.uid];
  const statusName = (key: string) => {
    const s = statuses.find((x) => x.key === key);
    return s ? s.name || s.key : key;
  };
  const duplicate = others.some((o) => o.id === draft.id.trim()) ? t('admin.catalogue.keyTaken') : undefined;
  const whole = mine?.[''];
  const section = (title: string) => (
    <>
      <Divider />
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
    </>
  );

  return (
    <ItemDialog
      wide
      title={
        isNew
          ? t('admin.catalogue.newTransition')
          : t('admin.catalogue.editTransition', { name: isolate(transition.name) })
      }
      testId="transition-dialog"
      dirty={JSON.stringify(draft) !== JSON.stringify(transition)}
      onClose={onClose}
      onDone={() => {
        if (duplicate) return;
        onSave({ ...draft, id: draft.id.trim(), name: draft.name.trim() });
      }}
    >
      {whole && (
        <Typography variant="body2" color="error" role="alert">
          {whole}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))' } }}>
        <TextField
          required
          autoFocus
          label={t('admin.catalogue.transitionName')}
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
          {...shownError(pick(mine, 'name'), t('admin.catalogue.transitionNameHint'))}
          slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': 'transition-name' } }}
        />
        <TextField
          required
          label={t('admin.catalogue.transitionId')}
          value={draft.id}
          onChange={(e) => set('id', e.target.value)}
          {...shownError(duplicate ?? pick(mine, 'id'), t('admin.catalogue.transitionIdHint'))}
          slotProps={{
            htmlInput: {
              dir: 'ltr',
              maxLength: 40,
              spellCheck: false,
              autoComplete: 'off',
              'data-testid': 'transition-id',
            },
          }}
        />
        <TextField
          select
          required
          label={t('admin.catalogue.from')}
          value={draft.from}
          onChange={(e) => {
            const v = e.target.value as unknown as string[] | string;
            set('from', typeof v === 'string' ? v.split(',') : v);
          }}
          {...shownError(pick(mine, 'from'), t('admin.catalogue.fromHint'))}
          slotProps={{
            select: {
              multiple: true,
              renderValue: (keys) => (
                <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
                  {(keys as string[]).map((k) => (
                    <Chip key={k} size="small" label={<UserText>{statusName(k)}</UserText>} />
                  ))}
                </Box>
              ),
              SelectDisplayProps: { 'data-testid': 'transition-from' } as object,
            },
          }}
        >
          {statuses.map((s) => (
            <MenuItem key={s.uid} value={s.key}>
              <UserText>{s.name || s.key}</UserText>
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          required
          label={t('admin.catalogue.to')}
          value={draft.to}
          onChange={(e) => set('to', e.target.value)}
          {...shownError(pick(mine, 'to'), t('admin.catalogue.toHint'))}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'transition-to' } as object } }}
        >
          {statuses.map((s) => (
            <MenuItem key={s.uid} value={s.key}>
              <UserText>{s.name || s.key}</UserText>
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={t('admin.catalogue.who')}
          value={draft.who}
          onChange={(e) => set('who', e.target.value as TransitionDraft['who'])}
          {...shownError(pick(mine, 'who'), t(`admin.catalogue.whoHint.${draft.who}`))}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'transition-who' } as object } }}
          sx={{ gridColumn: '1 / -1' }}
        >
          {WHO.map((w) => (
            <MenuItem key={w} value={w}>
              {t(`admin.catalogue.whoOptions.${w}`)}
            </MenuItem>
          ))}
        </TextField>
        <LabelledSwitch
          label={t('admin.catalogue.needsComment')}
          checked={draft.needsComment}
          onChange={(v) => set('needsComment', v)}
          error={pick(mine, 'needsComment')}
          testId="transition-needs-comment"
        />
        <LabelledSwitch
          label={t('admin.catalogue.needsAttachment')}
          checked={draft.needsAttachment}
          onChange={(v) => set('needsAttachment', v)}
          error={pick(mine, 'needsAttachment')}
          testId="transition-needs-attachment"
        />
      </Box>
      {section(t('admin.catalogue.timerTitle'))}
      <TransitionTimerFields
        timer={draft.timer}
        onChange={(timer) => set('timer', timer)}
        errors={mine}
        to={draft.to}
        toName={statusName(draft.to)}
        others={others}
        calendars={calendars}
      />
      {section(t('admin.catalogue.actionsTitle'))}
      {mine?.actions && (
        <Typography variant="body2" color="error" role="alert">
          {mine.actions}
        </Typography>
      )}
      <ActionsEditor
        actions={draft.actions}
        onChange={(actions) => set('actions', actions)}
        errors={errors}
        departments={departments}
        fieldKeys={fieldKeys}
      />
    </ItemDialog>
  );
}
