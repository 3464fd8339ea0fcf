import { Alert, Link, ListItemText, MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { KbGroup } from './api';
import { flatGroups } from './model';

/**
 * The group or subgroup an article lives in. Only groups with the knowledge-base capability hold
 * articles (H1, seed 001: «امکان پایگاه دانش»): the others are listed, greyed, with why.
 */
export function GroupPicker({
  groups,
  value,
  onChange,
  error,
}: {
  groups: KbGroup[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const rows = flatGroups(groups);
  const usable = rows.filter((r) => r.group.kb);
  if (usable.length === 0)
    return (
      <Alert severity="warning" data-testid="kb-no-kb-groups">
        {t('kbAdmin.editor.noKbGroups')}{' '}
        <Link component={RouterLink} to="/agent/kb?tab=groups">
          {t('kbAdmin.editor.toGroups')}
        </Link>
      </Alert>
    );
  const someOff = usable.length < rows.length;
  return (
    <TextField
      select
      required
      label={t('kbAdmin.editor.group')}
      value={groups.some((g) => g.id === value) ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? (someOff ? t('kbAdmin.editor.groupHint') : undefined)}
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'kb-article-group' } as object } }}
    >
      {rows.map(({ group, depth }) => (
        <MenuItem
          key={group.id}
          value={group.id}
          disabled={!group.kb}
          sx={{ paddingInlineStart: 2 + depth * 2.5 }}
          data-testid={`kb-group-option-${group.id}`}
        >
          <ListItemText
            primary={<bdi dir="auto">{group.name}</bdi>}
            secondary={group.kb ? undefined : t('kbAdmin.editor.groupNoKb')}
            sx={{ my: 0 }}
          />
        </MenuItem>
      ))}
    </TextField>
  );
}
