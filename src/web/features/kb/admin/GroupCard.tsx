import { useId, useState } from 'react';
import { Box, Button, Collapse, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import Edit from '@mui/icons-material/Edit';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import ExpandMore from '@mui/icons-material/ExpandMore';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { UserText, isolate } from '../../../ui/UserText';
import type { KbGroup } from './api';
import { GroupFacts } from './GroupFacts';
import { GroupThumb } from './GroupThumb';
import type { GroupNode } from './model';

interface Actions {
  manage: boolean;
  onEdit: (g: KbGroup) => void;
  onDelete: (g: KbGroup) => void;
  onAddSubgroup: (parent: KbGroup) => void;
}

function RowActions({ group, manage, onEdit, onDelete }: Omit<Actions, 'onAddSubgroup'> & { group: KbGroup }) {
  const { t } = useTranslation();
  if (!manage) return null;
  return (
    <Stack direction="row" sx={{ flexShrink: 0 }}>
      <Tooltip title={t('admin.common.editItem', { name: isolate(group.name) })}>
        <IconButton
          size="small"
          aria-label={t('admin.common.editItem', { name: group.name })}
          onClick={() => onEdit(group)}
          data-testid={`kb-group-edit-${group.id}`}
        >
          <Edit fontSize="small" />
        </IconButton>
      </Tooltip>
      <Tooltip title={t('admin.common.deleteItem', { name: isolate(group.name) })}>
        <IconButton
          size="small"
          aria-label={t('admin.common.deleteItem', { name: group.name })}
          onClick={() => onDelete(group)}
          data-testid={`kb-group-delete-${group.id}`}
        >
          <DeleteOutline fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}

/** A top-level group: its picture and facts, and the list of its subgroups (seed 001: «لیست زیرگروه‌ها», «+»). */
export function GroupCard({ node, manage, onEdit, onDelete, onAddSubgroup }: { node: GroupNode } & Actions) {
  const { t } = useTranslation();
  const f = useFormat();
  const { group, children } = node;
  const [open, setOpen] = useState(false);
  const listId = useId();
  return (
    <Paper variant="outlined" component="li" data-testid={`kb-group-${group.id}`} sx={{ listStyle: 'none' }}>
      <Stack direction="row" spacing={1.5} sx={{ p: 1.5, alignItems: 'flex-start' }}>
        <GroupThumb url={group.imageUrl} />
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, lineHeight: 1.4 }}>
            <UserText>{group.name}</UserText>
          </Typography>
          <GroupFacts group={group} />
        </Box>
        <RowActions group={group} manage={manage} onEdit={onEdit} onDelete={onDelete} />
      </Stack>
      <Box sx={{ borderTop: 1, borderColor: 'divider', px: 1, py: 0.5, display: 'flex', alignItems: 'center' }}>
        <Button
          size="small"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls={listId}
          endIcon={<ExpandMore sx={{ transform: open ? 'rotate(180deg)' : undefined, transition: '0.2s' }} />}
          data-testid={`kb-group-subgroups-${group.id}`}
        >
          {t('kbAdmin.groups.subgroupList', { n: f.number(children.length) })}
        </Button>
        <Box sx={{ flexGrow: 1 }} />
        {manage && (
          <Tooltip title={t('kbAdmin.groups.addSubgroupTo', { name: isolate(group.name) })}>
            <IconButton
              size="small"
              color="primary"
              aria-label={t('kbAdmin.groups.addSubgroupTo', { name: group.name })}
              onClick={() => {
                setOpen(true);
                onAddSubgroup(group);
              }}
              data-testid={`kb-group-add-sub-${group.id}`}
            >
              <Add />
            </IconButton>
          </Tooltip>
        )}
      </Box>
      <Collapse in={open} unmountOnExit>
        <Box
          component="ul"
          id={listId}
          aria-label={t('kbAdmin.groups.subgroupsOf', { name: group.name })}
          sx={{ listStyle: 'none', m: 0, p: 0, borderTop: 1, borderColor: 'divider' }}
        >
          {children.length === 0 ? (
            <Typography component="li" variant="body2" color="text.secondary" sx={{ px: 2, py: 1.5 }}>
              {t(manage ? 'kbAdmin.groups.noSubgroups' : 'kbAdmin.groups.noSubgroupsReadOnly')}
            </Typography>
          ) : (
            children.map((sub) => (
              <Stack
                key={sub.id}
                component="li"
                direction="row"
                spacing={1.5}
                data-testid={`kb-group-${sub.id}`}
                sx={{
                  py: 1,
                  paddingInlineStart: { xs: 2, sm: 4 },
                  paddingInlineEnd: 1.5,
                  alignItems: 'flex-start',
                  '&:not(:first-of-type)': { borderTop: 1, borderColor: 'divider' },
                }}
              >
                <GroupThumb url={sub.imageUrl} size={36} />
                <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                  <Typography variant="body2" component="h3" sx={{ fontWeight: 500 }}>
                    <UserText>{sub.name}</UserText>
                  </Typography>
                  <GroupFacts group={sub} />
                </Box>
                <RowActions group={sub} manage={manage} onEdit={onEdit} onDelete={onDelete} />
              </Stack>
            ))
          )}
        </Box>
      </Collapse>
    </Paper>
  );
}
