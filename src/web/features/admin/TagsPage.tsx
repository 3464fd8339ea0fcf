import { useState } from 'react';
import { Box, Stack, TextField, Typography } from '@mui/material';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView } from '../../ui/states';
import { LabelledSwitch } from './LabelledSwitch';
import { AdminPage } from './AdminPage';
import { ConfirmDelete } from './ConfirmDelete';
import { CrudTable, usePaging, type Column } from './CrudTable';
import { EntityDialog } from './EntityDialog';
import { Notice, useNotice } from './Notice';
import { SearchField } from './SearchField';
import type { Tag } from './types';
import { autoDirInput, UserText } from '../../ui/UserText';

/** A tag's name with its colour as a dot beside it (the name, not the colour, carries the meaning). */
function TagName({ tag }: { tag: Pick<Tag, 'name' | 'color'> }) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Box
        aria-hidden
        sx={{
          width: 12,
          height: 12,
          borderRadius: '50%',
          flexShrink: 0,
          bgcolor: tag.color ?? 'transparent',
          border: 1,
          borderColor: tag.color ?? 'text.disabled',
        }}
      />
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        <UserText>{tag.name}</UserText>
      </Typography>
    </Stack>
  );
}

/** C7: the tags agents put on tickets. Tags have no rename in the API: create and delete. */
export default function TagsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const { q, search, page, pageSize, paging } = usePaging(50);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const n = useNotice();
  const list = useQuery({
    queryKey: ['admin', 'tags', { q, page, pageSize }],
    queryFn: () => call('listTags', { query: { q, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['admin', 'tags'] });
    void qc.invalidateQueries({ queryKey: ['tags'] });
  };
  const columns: Column<Tag>[] = [
    { key: 'name', header: t('common.name'), render: (x) => <TagName tag={x} /> },
    {
      key: 'color',
      header: t('admin.tags.color'),
      render: (x) => <span dir="ltr">{x.color ?? t('admin.tags.noColor')}</span>,
    },
    { key: 'created', header: t('admin.common.created'), render: (x) => f.date(x.createdAt) },
  ];
  return (
    <AdminPage
      title={t('admin.tags.title')}
      intro={t('admin.tags.intro')}
      createLabel={t('admin.tags.new')}
      onCreate={() => setCreating(true)}
    >
      <SearchField label={t('admin.tags.search')} onSearch={search} />
      <QueryView query={list} rows={4}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={q ? t('admin.common.noResults') : t('admin.tags.empty')}
              hint={q ? t('admin.common.noResultsHint') : t('admin.tags.emptyHint')}
            />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(x) => x.id}
              rowName={(x) => x.name}
              caption={t('admin.tags.title')}
              onDelete={setDeleting}
              paging={paging(data.total)}
            />
          )
        }
      </QueryView>
      {creating && (
        <TagDialog
          onClose={() => setCreating(false)}
          onSaved={() => (refresh(), n.ok(t('admin.common.savedNotice')))}
        />
      )}
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.tags.deleteHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteTag', { path: { id: deleting!.id } })}
        onDone={() => (refresh(), n.ok(t('admin.common.deletedNotice')))}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </AdminPage>
  );
}

function TagDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [useColor, setUseColor] = useState(true);
  const [color, setColor] = useState('#0b5cad');
  const save = useMutation({
    mutationFn: () => call('createTag', { body: { name: name.trim(), color: useColor ? color : null } }),
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  return (
    <EntityDialog
      open
      title={t('admin.tags.new')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={['name', 'color']}
    >
      <TextField
        required
        autoFocus
        label={t('common.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...fe.field('name')}
        slotProps={{ htmlInput: { ...autoDirInput, 'data-testid': 'tag-name' } }}
      />
      <LabelledSwitch label={t('admin.tags.useColor')} checked={useColor} onChange={setUseColor} />
      {useColor && (
        <TextField
          type="color"
          label={t('admin.tags.color')}
          value={color}
          onChange={(e) => setColor(e.target.value)}
          {...fe.field('color')}
          sx={{ maxWidth: 160 }}
        />
      )}
      {name.trim() && <TagName tag={{ name: name.trim(), color: useColor ? color : null }} />}
    </EntityDialog>
  );
}
