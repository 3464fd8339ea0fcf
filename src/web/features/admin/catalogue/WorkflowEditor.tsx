import { MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { UserText } from '../../../ui/UserText';
import type { Calendar } from '../calendars/model';
import type { Department } from '../types';
import type { PlacedErrors } from './errors';
import { removeStatus, removeTransition, replaceStatus, replaceTransition, type RequestTypeDraft } from './model';
import { StatusList } from './StatusList';
import { TransitionList } from './TransitionList';

type Workflow = Pick<RequestTypeDraft, 'initial' | 'statuses' | 'transitions'>;

/** E2/E3: a request type's workflow — its statuses, the one a request starts in, and the transitions. */
export function WorkflowEditor({
  draft,
  onChange,
  errors,
  onItemEdited,
  departments,
  calendars,
}: {
  draft: RequestTypeDraft;
  onChange: (next: Workflow) => void;
  errors: PlacedErrors;
  /** An item was edited again: its old messages go. */
  onItemEdited: (uid: string) => void;
  departments: Department[];
  calendars: Calendar[];
}) {
  const { t } = useTranslation();
  const fieldKeys = draft.fields.filter((f) => f.key.trim()).map((f) => ({ key: f.key.trim(), label: f.label }));
  const apply = (next: RequestTypeDraft) =>
    onChange({ initial: next.initial, statuses: next.statuses, transitions: next.transitions });
  const heading = (title: string) => (
    <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
      {title}
    </Typography>
  );
  return (
    <Stack spacing={2}>
      {heading(t('admin.catalogue.statusesTitle'))}
      <StatusList
        statuses={draft.statuses}
        initial={draft.initial}
        errors={errors.items}
        listError={errors.top.statuses}
        onSave={(s) => {
          onItemEdited(s.uid);
          apply(replaceStatus(draft, s));
        }}
        onRemove={(s) => apply(removeStatus(draft, s))}
      />
      <TextField
        select
        required
        label={t('admin.catalogue.initial')}
        value={draft.statuses.some((s) => s.key === draft.initial) ? draft.initial : ''}
        onChange={(e) => onChange({ ...draft, initial: e.target.value })}
        error={!!errors.top.initial}
        helperText={errors.top.initial ?? t('admin.catalogue.initialHint')}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'workflow-initial' } as object } }}
        sx={{ maxWidth: { sm: 360 } }}
      >
        {draft.statuses.map((s) => (
          <MenuItem key={s.uid} value={s.key}>
            <UserText>{s.name || s.key}</UserText>
          </MenuItem>
        ))}
      </TextField>
      {heading(t('admin.catalogue.transitionsTitle'))}
      <Typography variant="body2" color="text.secondary">
        {t('admin.catalogue.transitionsHint')}
      </Typography>
      <TransitionList
        transitions={draft.transitions}
        statuses={draft.statuses}
        errors={errors.items}
        listError={errors.top.transitions}
        departments={departments}
        calendars={calendars}
        fieldKeys={fieldKeys}
        onSave={(x) => {
          onItemEdited(x.uid);
          x.actions.forEach((a) => onItemEdited(a.uid));
          apply(replaceTransition(draft, x));
        }}
        onRemove={(x) => apply(removeTransition(draft, x))}
      />
    </Stack>
  );
}
