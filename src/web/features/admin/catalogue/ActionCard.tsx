import { Box, IconButton, MenuItem, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useTranslation } from 'react-i18next';
import { UserText } from '../../../ui/UserText';
import { useStaffLookup } from '../lookups';
import type { Department } from '../types';
import { userLabel } from '../UserPicker';
import { pick, shownError } from './errors';
import type { ActionDraft } from './model';
import { SmsTextField } from './SmsTextField';

/** One thing a transition does when taken: transfer the request, text the requester, or tell a department. */
export function ActionCard({
  action,
  index,
  errors,
  departments,
  fieldKeys,
  onChange,
  onRemove,
}: {
  action: ActionDraft;
  index: number;
  errors: Record<string, string> | undefined;
  departments: Department[];
  fieldKeys: Array<{ key: string; label: string }>;
  onChange: (next: ActionDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const staff = useStaffLookup();
  const id = `action-${index}`;
  const title = t(`admin.catalogue.actionKinds.${action.kind}`);
  const whole = errors?.[''] ?? errors?.kind;

  const departmentSelect = (value: string, onPick: (v: string) => void, optional: boolean, hint: string) => (
    <TextField
      select
      size="small"
      required={!optional}
      label={t('admin.catalogue.department')}
      value={value}
      onChange={(e) => onPick(e.target.value)}
      {...shownError(pick(errors, 'departmentId'), hint)}
      slotProps={{
        inputLabel: { shrink: true },
        select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': `${id}-department` } as object },
      }}
    >
      <MenuItem value="">{optional ? t('admin.catalogue.noChange') : t('common.none')}</MenuItem>
      {departments.map((d) => (
        <MenuItem key={d.id} value={d.id}>
          <UserText>{d.name}</UserText>
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Paper variant="outlined" component="li" data-testid={id} sx={{ p: 1.5, listStyle: 'none' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle2" component="h4" sx={{ flexGrow: 1 }}>
          {title}
        </Typography>
        <Tooltip title={t('admin.catalogue.removeAction', { name: title })}>
          <IconButton
            size="small"
            aria-label={t('admin.catalogue.removeAction', { name: title })}
            onClick={onRemove}
            data-testid={`${id}-remove`}
          >
            <DeleteOutline fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      {whole && (
        <Typography variant="body2" color="error" role="alert" sx={{ mb: 1 }}>
          {whole}
        </Typography>
      )}
      {action.kind === 'transfer' && (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))' } }}>
          {departmentSelect(
            action.departmentId,
            (v) => onChange({ ...action, departmentId: v }),
            true,
            t('admin.catalogue.transferDepartmentHint'),
          )}
          <TextField
            select
            size="small"
            label={t('admin.catalogue.transferAgent')}
            value={action.agentId}
            onChange={(e) => onChange({ ...action, agentId: e.target.value })}
            {...shownError(pick(errors, 'agentId'), t('admin.catalogue.transferAgentHint'))}
            slotProps={{
              inputLabel: { shrink: true },
              select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': `${id}-agent` } as object },
            }}
          >
            <MenuItem value="">{t('admin.catalogue.noChange')}</MenuItem>
            {/* An agent beyond the first hundred staff still shows as chosen. */}
            {action.agentId && !staff.data?.some((u) => u.id === action.agentId) && (
              <MenuItem value={action.agentId}>
                <bdi dir="ltr">{action.agentId}</bdi>
              </MenuItem>
            )}
            {(staff.data ?? []).map((u) => (
              <MenuItem key={u.id} value={u.id}>
                <UserText>{userLabel(u)}</UserText>
              </MenuItem>
            ))}
          </TextField>
        </Box>
      )}
      {action.kind === 'sms' && (
        <SmsTextField
          value={action.text}
          onChange={(text) => onChange({ ...action, text })}
          fieldKeys={fieldKeys}
          error={pick(errors, 'text')}
          testId={`${id}-text`}
        />
      )}
      {action.kind === 'notify' &&
        departmentSelect(
          action.departmentId,
          (v) => onChange({ ...action, departmentId: v }),
          false,
          t('admin.catalogue.notifyDepartmentHint'),
        )}
    </Paper>
  );
}
