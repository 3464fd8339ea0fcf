import { useState } from 'react';
import { Box, Button, Menu, MenuItem, Stack, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import type { Department } from '../types';
import { ActionCard } from './ActionCard';
import { ACTION_KINDS, newAction, type ActionDraft } from './model';

/** E3/E5: what a transition does when it is taken, in order (at most 10). */
export function ActionsEditor({
  actions,
  onChange,
  errors,
  departments,
  fieldKeys,
}: {
  actions: ActionDraft[];
  onChange: (actions: ActionDraft[]) => void;
  errors: Record<string, Record<string, string>>;
  departments: Department[];
  fieldKeys: Array<{ key: string; label: string }>;
}) {
  const { t } = useTranslation();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  return (
    <Stack spacing={1.5}>
      {actions.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('admin.catalogue.noActions')}
        </Typography>
      ) : (
        <Box
          component="ol"
          aria-label={t('admin.catalogue.actionsTitle')}
          sx={{ m: 0, p: 0, display: 'grid', gap: 1.5 }}
        >
          {actions.map((a, i) => (
            <ActionCard
              key={a.uid}
              action={a}
              index={i}
              errors={errors[a.uid]}
              departments={departments}
              fieldKeys={fieldKeys}
              onChange={(next) => onChange(actions.map((x) => (x.uid === a.uid ? next : x)))}
              onRemove={() => onChange(actions.filter((x) => x.uid !== a.uid))}
            />
          ))}
        </Box>
      )}
      <Box>
        <Button
          variant="outlined"
          size="small"
          startIcon={<Add />}
          disabled={actions.length >= 10}
          aria-haspopup="menu"
          aria-expanded={menu ? 'true' : undefined}
          aria-controls={menu ? 'action-add-menu' : undefined}
          onClick={(e) => setMenu(e.currentTarget)}
          data-testid="action-add"
        >
          {t('admin.catalogue.addAction')}
        </Button>
        <Menu id="action-add-menu" anchorEl={menu} open={!!menu} onClose={() => setMenu(null)}>
          {ACTION_KINDS.map((k) => (
            <MenuItem
              key={k}
              onClick={() => {
                setMenu(null);
                onChange([...actions, newAction(k)]);
              }}
              data-testid={`action-add-${k}`}
            >
              {t(`admin.catalogue.actionKinds.${k}`)}
            </MenuItem>
          ))}
        </Menu>
      </Box>
    </Stack>
  );
}
