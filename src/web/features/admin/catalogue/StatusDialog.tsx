import { useState } from 'react';
import { MenuItem, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { autoDirInput, isolate } from '../../../ui/UserText';
import { pick, shownError } from './errors';
import { ItemDialog } from './ItemDialog';
import { STATUS_CATEGORIES, type StatusDraft } from './model';

/** E2: one status of a workflow — its key, its name for staff, what the requester sees, and its category. */
export function StatusDialog({
  status,
  isNew,
  taken,
  errors,
  onSave,
  onClose,
}: {
  status: StatusDraft;
  isNew: boolean;
  /** The keys of the workflow's other statuses. */
  taken: string[];
  errors: Record<string, string> | undefined;
  onSave: (next: StatusDraft) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(status);
  const set = <K extends keyof StatusDraft>(k: K, v: StatusDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const duplicate = taken.includes(draft.key.trim()) ? t('admin.catalogue.keyTaken') : undefined;
  const whole = errors?.[''];
  return (
    <ItemDialog
      title={isNew ? t('admin.catalogue.newStatus') : t('admin.catalogue.editStatus', { name: isolate(status.name) })}
      testId="status-dialog"
      dirty={JSON.stringify(draft) !== JSON.stringify(status)}
      onClose={onClose}
      onDone={() => {
        if (duplicate) return;
        onSave({ ...draft, key: draft.key.trim(), name: draft.name.trim(), customerLabel: draft.customerLabel.trim() });
      }}
    >
      {whole && (
        <Typography variant="body2" color="error" role="alert">
          {whole}
        </Typography>
      )}
      <TextField
        required
        autoFocus
        label={t('admin.catalogue.statusName')}
        value={draft.name}
        onChange={(e) => set('name', e.target.value)}
        {...shownError(pick(errors, 'name'), t('admin.catalogue.statusNameHint'))}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': 'status-name' } }}
      />
      <TextField
        required
        label={t('admin.catalogue.statusKey')}
        value={draft.key}
        onChange={(e) => set('key', e.target.value)}
        {...shownError(duplicate ?? pick(errors, 'key'), t('admin.catalogue.statusKeyHint'))}
        slotProps={{
          htmlInput: { dir: 'ltr', maxLength: 40, spellCheck: false, autoComplete: 'off', 'data-testid': 'status-key' },
        }}
      />
      <TextField
        label={t('admin.catalogue.customerLabel')}
        value={draft.customerLabel}
        onChange={(e) => set('customerLabel', e.target.value)}
        {...shownError(pick(errors, 'customerLabel'), t('admin.catalogue.customerLabelHint'))}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': 'status-customer-label' } }}
      />
      <TextField
        select
        label={t('admin.catalogue.category')}
        value={draft.category}
        onChange={(e) => set('category', e.target.value as StatusDraft['category'])}
        {...shownError(pick(errors, 'category'), t(`admin.catalogue.categoryHint.${draft.category}`))}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'status-category' } as object } }}
      >
        {STATUS_CATEGORIES.map((c) => (
          <MenuItem key={c} value={c}>
            {t(`admin.catalogue.categories.${c}`)}
          </MenuItem>
        ))}
      </TextField>
    </ItemDialog>
  );
}
