import { useState } from 'react';
import { Box, Button, Chip, Stack, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { isolate, UserText } from '../../../ui/UserText';
import { CrudTable, type Column } from '../CrudTable';
import { ItemErrors } from './ItemErrors';
import { newStatus, type StatusDraft } from './model';
import { StatusDialog } from './StatusDialog';

/** E2: a workflow's statuses, each edited in a dialog; the initial one is marked. */
export function StatusList({
  statuses,
  initial,
  errors,
  listError,
  onSave,
  onRemove,
}: {
  statuses: StatusDraft[];
  initial: string;
  errors: Record<string, Record<string, string>>;
  listError?: string;
  onSave: (status: StatusDraft) => void;
  onRemove: (status: StatusDraft) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ status: StatusDraft; isNew: boolean } | null>(null);
  const nameOf = (s: StatusDraft) => s.name || s.key;
  const add = () => {
    let n = statuses.length + 1;
    while (statuses.some((s) => s.key === `status_${n}`)) n++;
    setEditing({ status: newStatus(n), isNew: true });
  };
  const indexOf = (s: StatusDraft) => statuses.findIndex((x) => x.uid === s.uid);

  const columns: Column<StatusDraft>[] = [
    {
      key: 'name',
      header: t('admin.catalogue.statusName'),
      render: (s) => (
        <Stack spacing={0.25} data-testid={`status-${indexOf(s)}`}>
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
              <UserText>{nameOf(s)}</UserText>
            </Typography>
            {s.key === initial && (
              <Chip
                size="small"
                color="primary"
                label={t('admin.catalogue.initialMark')}
                data-testid="status-initial"
              />
            )}
          </Stack>
          {s.customerLabel && (
            <Typography variant="caption" color="text.secondary">
              {t('admin.catalogue.customerSees', { label: isolate(s.customerLabel) })}
            </Typography>
          )}
          <ItemErrors errors={errors[s.uid]} />
        </Stack>
      ),
    },
    {
      key: 'key',
      header: t('admin.catalogue.statusKey'),
      render: (s) => (
        <bdi dir="ltr" style={{ fontFamily: 'monospace' }}>
          {s.key}
        </bdi>
      ),
    },
    {
      key: 'category',
      header: t('admin.catalogue.category'),
      render: (s) => <Chip size="small" variant="outlined" label={t(`admin.catalogue.categories.${s.category}`)} />,
    },
  ];

  return (
    <Stack spacing={1.5}>
      {listError && (
        <Typography variant="body2" color="error" role="alert">
          {listError}
        </Typography>
      )}
      {statuses.length > 0 && (
        <CrudTable
          rows={statuses}
          columns={columns}
          getId={(s) => s.uid}
          rowName={nameOf}
          caption={t('admin.catalogue.statusesTitle')}
          onEdit={(s) => setEditing({ status: s, isNew: false })}
          onDelete={onRemove}
          actionTestId={(s, a) => `status-${indexOf(s)}-${a === 'edit' ? 'edit' : 'remove'}`}
        />
      )}
      <Box>
        <Button variant="outlined" startIcon={<Add />} onClick={add} data-testid="status-add">
          {t('admin.catalogue.addStatus')}
        </Button>
      </Box>
      {editing && (
        <StatusDialog
          status={editing.status}
          isNew={editing.isNew}
          taken={statuses.filter((s) => s.uid !== editing.status.uid).map((s) => s.key)}
          errors={errors[editing.status.uid]}
          onClose={() => setEditing(null)}
          onSave={(next) => {
            onSave(next);
            setEditing(null);
          }}
        />
      )}
    </Stack>
  );
}
