import type { ReactNode } from 'react';
import { IconButton, MenuItem, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useTranslation } from 'react-i18next';
import { UserText } from '../../../ui/UserText';
import type { ValueKind } from './model';

/** The building blocks of the triggers' editors: selects, row buttons, a row's frame. */
export interface Option {
  id: string;
  name: string;
}
/** What the selects of the editors offer (the workspace's departments, agents, tags…). */
export interface TriggerLookups {
  departments: Option[];
  agents: Option[];
  tags: Option[];
  types: Option[];
  webhooks: Option[];
}

/** A select of one value, or of several (`multiple`), from options or a fixed list of keys. */
export function Picker({
  label,
  value,
  values,
  multiple,
  options,
  onChange,
  onChangeMany,
  error,
  testId,
  emptyLabel,
}: {
  label: string;
  value?: string;
  values?: string[];
  multiple?: boolean;
  options: Option[];
  onChange?: (v: string) => void;
  onChangeMany?: (v: string[]) => void;
  error?: string;
  testId: string;
  emptyLabel?: string;
}) {
  const { t } = useTranslation();
  const name = (id: string) => options.find((o) => o.id === id)?.name ?? `#${id}`;
  return (
    <TextField
      select
      size="small"
      label={label}
      value={multiple ? (values ?? []) : (value ?? '')}
      onChange={(e) => {
        const v = e.target.value as unknown;
        if (multiple) onChangeMany?.(typeof v === 'string' ? v.split(',') : (v as string[]));
        else onChange?.(String(v));
      }}
      error={!!error}
      helperText={error}
      sx={{ minWidth: 160, flex: 1 }}
      data-testid={testId}
      slotProps={{
        inputLabel: { shrink: true },
        select: {
          multiple,
          displayEmpty: true,
          renderValue: (v) => {
            const list = multiple ? (v as string[]) : v ? [String(v)] : [];
            if (!list.length)
              return (
                <Typography component="span" variant="body2" color="text.secondary">
                  {emptyLabel ?? t('admin.triggers.choose')}
                </Typography>
              );
            return <bdi>{list.map(name).join(t('center.separator'))}</bdi>;
          },
        },
      }}
    >
      {emptyLabel !== undefined && !multiple && <MenuItem value="">{emptyLabel}</MenuItem>}
      {options.map((o) => (
        <MenuItem key={o.id} value={o.id}>
          <UserText>{o.name}</UserText>
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The options of a value kind: the workspace's things, or translated fixed values. */
export function useOptions(lookups: TriggerLookups) {
  const { t } = useTranslation();
  const fixed = (keys: string[], prefix: string) => keys.map((k) => ({ id: k, name: t(`${prefix}.${k}`) }));
  return (kind: ValueKind): Option[] => {
    switch (kind) {
      case 'status':
        return fixed(['active', 'pending', 'closed', 'locked'], 'status');
      case 'priority':
        return fixed(['urgent', 'high', 'medium', 'low'], 'priority');
      case 'department':
        return lookups.departments;
      case 'type':
        return lookups.types;
      case 'tag':
        return lookups.tags;
      case 'agent':
        return lookups.agents;
      case 'role':
        return fixed(['customer', 'agent', 'admin', 'guest'], 'admin.triggers.role');
      case 'messageKind':
        return fixed(['reply', 'note'], 'admin.triggers.messageKind');
      case 'author':
        return fixed(['customer', 'agent', 'guest', 'system'], 'admin.triggers.author');
      default:
        return [];
    }
  };
}

/** Up, down and remove for a row of a list whose order matters. */
export function RowButtons({
  index,
  count,
  onMove,
  onRemove,
  label,
}: {
  index: number;
  count: number;
  onMove?: (to: number) => void;
  onRemove: () => void;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" sx={{ alignSelf: { xs: 'flex-end', md: 'center' } }}>
      {onMove && (
        <>
          <Tooltip title={t('admin.triggers.moveUp')}>
            <span>
              <IconButton
                size="small"
                disabled={index === 0}
                onClick={() => onMove(index - 1)}
                aria-label={t('admin.triggers.moveUpItem', { name: label })}
              >
                <ArrowUpward fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
          <Tooltip title={t('admin.triggers.moveDown')}>
            <span>
              <IconButton
                size="small"
                disabled={index === count - 1}
                onClick={() => onMove(index + 1)}
                aria-label={t('admin.triggers.moveDownItem', { name: label })}
              >
                <ArrowDownward fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
        </>
      )}
      <Tooltip title={t('common.delete')}>
        <IconButton size="small" onClick={onRemove} aria-label={t('admin.common.deleteItem', { name: label })}>
          <DeleteOutline fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}

export const Row = ({ children, testId }: { children: ReactNode; testId: string }) => (
  <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={testId}>
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ alignItems: { md: 'flex-start' } }}>
      {children}
    </Stack>
  </Paper>
);
