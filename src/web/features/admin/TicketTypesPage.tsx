import { useState } from 'react';
import { Chip, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { LabelledSwitch } from './LabelledSwitch';
import { AdminPage } from './AdminPage';
import { ConfirmDelete } from './ConfirmDelete';
import { CrudTable, type Column } from './CrudTable';
import { EntityDialog } from './EntityDialog';
import { Notice, useNotice } from './Notice';
import type { TicketType } from './types';
import { autoDirInput, isolate, UserText } from '../../ui/UserText';

const KEY = ['admin', 'ticket-types'];

/** C2: the ticket types requesters and agents pick from, in their display order. */
export default function TicketTypesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => call('listTicketTypes') });
  const [editing, setEditing] = useState<TicketType | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TicketType | null>(null);
  const n = useNotice();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: KEY });
    void qc.invalidateQueries({ queryKey: ['ticket-types'] });
  };
  const columns: Column<TicketType>[] = [
    {
      key: 'name',
      header: t('common.name'),
      render: (x) => (
        <Stack>
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            <UserText>{x.name}</UserText>
          </Typography>
          {x.description && (
            <Typography variant="caption" color="text.secondary">
              <UserText>{x.description}</UserText>
            </Typography>
          )}
        </Stack>
      ),
    },
    { key: 'position', header: t('admin.common.position'), render: (x) => f.number(x.position), align: 'center' },
    {
      key: 'active',
      header: t('admin.common.state'),
      render: (x) => (
        <Chip
          size="small"
          variant="outlined"
          color={x.active ? 'success' : 'default'}
          label={x.active ? t('admin.common.active') : t('admin.common.inactive')}
        />
      ),
    },
  ];
  return (
    <AdminPage
      title={t('admin.ticketTypes.title')}
      intro={t('admin.ticketTypes.intro')}
      createLabel={t('admin.ticketTypes.new')}
      onCreate={() => setEditing('new')}
    >
      <QueryView query={list} rows={4}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.ticketTypes.empty')} hint={t('admin.ticketTypes.emptyHint')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(x) => x.id}
              rowName={(x) => x.name}
              caption={t('admin.ticketTypes.title')}
              onEdit={setEditing}
              onDelete={setDeleting}
            />
          )
        }
      </QueryView>
      {editing && (
        <TicketTypeDialog
          type={editing === 'new' ? null : editing}
          nextPosition={(list.data?.items.length ?? 0) * 10}
          onClose={() => setEditing(null)}
          onSaved={() => (refresh(), n.ok(t('admin.common.savedNotice')))}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.ticketTypes.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteTicketType', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}

function TicketTypeDialog({
  type,
  nextPosition,
  onClose,
  onSaved,
}: {
  type: TicketType | null;
  nextPosition: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(type?.name ?? '');
  const [description, setDescription] = useState(type?.description ?? '');
  const [active, setActive] = useState(type?.active ?? true);
  const [position, setPosition] = useState(String(type?.position ?? nextPosition));
  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), description: description.trim(), active, position: Number(position) || 0 };
      return type ? call('updateTicketType', { path: { id: type.id }, body }) : call('createTicketType', { body });
    },
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  return (
    <EntityDialog
      open
      title={type ? t('admin.ticketTypes.editTitle', { name: isolate(type.name) }) : t('admin.ticketTypes.new')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={['name', 'description', 'active', 'position']}
    >
      <TextField
        required
        autoFocus
        label={t('common.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...fe.field('name')}
        slotProps={{ htmlInput: { ...autoDirInput, 'data-testid': 'ticket-type-name' } }}
      />
      <TextField
        multiline
        minRows={2}
        label={t('common.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...fe.field('description')}
        slotProps={{ htmlInput: autoDirInput }}
      />
      <TextField
        type="number"
        label={t('admin.common.position')}
        value={position}
        onChange={(e) => setPosition(e.target.value)}
        {...fe.field('position', t('admin.common.positionHint'))}
        slotProps={{ htmlInput: { min: 0, max: 10000, step: 1 } }}
      />
      <LabelledSwitch
        label={t('admin.common.activeLabel')}
        checked={active}
        onChange={setActive}
        hint={t('admin.ticketTypes.activeHint')}
        error={fe.fields.active}
      />
    </EntityDialog>
  );
}
