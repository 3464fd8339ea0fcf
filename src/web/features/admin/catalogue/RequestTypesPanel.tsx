import { useState } from 'react';
import { Box, Button, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { call } from '../../../app/api';
import { useFormat } from '../../../ui/format';
import { EmptyState, QueryView } from '../../../ui/states';
import { isolate, UserText } from '../../../ui/UserText';
import { ConfirmDelete } from '../ConfirmDelete';
import { CrudTable, type Column } from '../CrudTable';
import { Notice, useNotice } from '../Notice';
import { requestTypesKey, type Desk, type RequestType } from './model';
import { useRequestTypes } from './queries';

export const editorPath = (deskId: string, id: string) => `/admin/desks/${deskId}/request-types/${id}`;

/** E1: the request types of one desk — what customers pick from it — with add, edit and delete. */
export function RequestTypesPanel({ desk }: { desk: Desk }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const n = useNotice();
  const navigate = useNavigate();
  const list = useRequestTypes(desk.id);
  const [deleting, setDeleting] = useState<RequestType | null>(null);
  const title = t('admin.catalogue.requestTypesOf', { name: isolate(desk.name) });

  const columns: Column<RequestType>[] = [
    {
      key: 'name',
      header: t('common.name'),
      render: (x) => (
        <Stack>
          <Link
            component={RouterLink}
            to={editorPath(desk.id, x.id)}
            underline="hover"
            sx={{ typography: 'body2', fontWeight: 500 }}
          >
            {x.icon && <span aria-hidden>{x.icon} </span>}
            <UserText>{x.name}</UserText>
          </Link>
          {x.description && (
            <Typography variant="caption" color="text.secondary">
              <UserText>{x.description}</UserText>
            </Typography>
          )}
        </Stack>
      ),
    },
    {
      key: 'fields',
      header: t('admin.catalogue.fieldsTitle'),
      render: (x) => t('admin.catalogue.fieldCount', { count: x.fields.length, n: f.number(x.fields.length) }),
    },
    {
      key: 'workflow',
      header: t('admin.catalogue.workflowTitle'),
      render: (x) =>
        t('admin.catalogue.workflowSummary', {
          statuses: f.number(x.workflow.statuses.length),
          transitions: f.number(x.workflow.transitions.length),
        }),
    },
    {
      key: 'visible',
      header: t('admin.catalogue.visibility'),
      render: (x) => (
        <Chip
          size="small"
          variant="outlined"
          color={x.visible ? 'success' : 'default'}
          label={x.visible ? t('admin.catalogue.visible') : t('admin.catalogue.hidden')}
        />
      ),
    },
    { key: 'position', header: t('admin.common.position'), render: (x) => f.number(x.position), align: 'center' },
  ];

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="request-types-title"
      data-testid="request-types-panel"
      sx={{ p: { xs: 1.5, sm: 2 } }}
    >
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between', mb: 2 }}
      >
        <Box>
          <Typography variant="h6" component="h2" id="request-types-title">
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('admin.catalogue.requestTypesHint')}
          </Typography>
        </Box>
        <Button
          variant="outlined"
          startIcon={<Add />}
          component={RouterLink}
          to={editorPath(desk.id, 'new')}
          data-testid="request-type-create"
          sx={{ alignSelf: { xs: 'flex-start', sm: 'center' }, flexShrink: 0 }}
        >
          {t('admin.catalogue.newRequestType')}
        </Button>
      </Stack>
      <QueryView query={list} rows={3}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.catalogue.emptyTypes')} hint={t('admin.catalogue.emptyTypesHint')} />
          ) : (
            <CrudTable
              rows={data.items}
              columns={columns}
              getId={(x) => x.id}
              rowName={(x) => x.name}
              caption={title}
              onEdit={(x) => void navigate(editorPath(desk.id, x.id))}
              onDelete={setDeleting}
            />
          )
        }
      </QueryView>
      <ConfirmDelete
        name={deleting?.name ?? null}
        hint={t('admin.catalogue.deleteTypeHint')}
        onClose={() => setDeleting(null)}
        onConfirm={() => call('deleteRequestType', { path: { id: deleting!.id } })}
        onDone={() => {
          void qc.invalidateQueries({ queryKey: requestTypesKey(desk.id) });
          n.ok(t('admin.common.deletedNotice'));
        }}
      />
      <Notice notice={n.notice} onClose={n.clear} />
    </Paper>
  );
}
