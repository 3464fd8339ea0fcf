import {
  Box,
  Checkbox,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import Edit from '@mui/icons-material/Edit';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../contracts/permissions';
import { useFormat } from '../../ui/format';
import { isolate } from '../../ui/UserText';
import { permissionSections, permKey } from './permission-groups';
import type { AccessLevel } from './types';

interface Props {
  levels: AccessLevel[];
  onToggle: (level: AccessLevel, permission: Permission, on: boolean) => void;
  onEdit: (level: AccessLevel) => void;
  onDelete: (level: AccessLevel) => void;
}

// The first column stays in view while the levels scroll sideways (phones, many levels).
const sticky = {
  position: 'sticky',
  left: 0,
  zIndex: 2,
  bgcolor: 'background.paper',
  borderInlineEnd: 1,
  borderInlineEndColor: 'divider',
} as const;

/** A6: permissions down, access levels across; each box grants one permission to one level. */
export function PermissionMatrix({ levels, onToggle, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const sections = permissionSections();
  return (
    // The card scrolls sideways, never the page: width 0 with min-width 100% keeps the wide table
    // out of the card's own size (so no ancestor grows to fit it) while the card fills the page.
    <Box
      sx={{
        overflowX: 'auto',
        width: 0,
        minWidth: '100%',
        overscrollBehaviorX: 'contain',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: 'background.paper',
      }}
      tabIndex={0}
      role="region"
      aria-label={t('admin.levels.matrix')}
      data-testid="permission-matrix"
    >
      <Table size="small" sx={{ minWidth: 200 + levels.length * 120 }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ ...sticky, zIndex: 3, minWidth: { xs: 170, sm: 260 }, fontWeight: 600 }}>
              {t('admin.levels.permission')}
            </TableCell>
            {levels.map((l) => (
              <TableCell key={l.id} align="center" sx={{ minWidth: 120, verticalAlign: 'top' }}>
                <Typography variant="body2" dir="auto" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                  {l.name}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {t('admin.levels.agentCount', { count: l.agentCount, n: f.number(l.agentCount) })}
                </Typography>
                <Stack direction="row" sx={{ justifyContent: 'center' }}>
                  <Tooltip title={t('admin.levels.editLevel', { name: isolate(l.name) })}>
                    <IconButton
                      size="small"
                      aria-label={t('admin.levels.editLevel', { name: l.name })}
                      onClick={() => onEdit(l)}
                      data-testid={`admin-edit-${l.id}`}
                    >
                      <Edit fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  <Tooltip title={t('admin.common.deleteItem', { name: isolate(l.name) })}>
                    <IconButton
                      size="small"
                      aria-label={t('admin.common.deleteItem', { name: l.name })}
                      onClick={() => onDelete(l)}
                      data-testid={`admin-delete-${l.id}`}
                    >
                      <DeleteOutline fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </Stack>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        {sections.map((s) => (
          <TableBody key={s.key}>
            <TableRow sx={{ bgcolor: 'action.hover' }}>
              <TableCell
                component="th"
                scope="rowgroup"
                colSpan={levels.length + 1}
                sx={{ py: 0.75, fontWeight: 700, color: 'primary.main' }}
              >
                <Box component="span" sx={{ position: 'sticky', left: 16 }}>
                  {t(`admin.levels.section_${s.key}`)}
                </Box>
              </TableCell>
            </TableRow>
            {s.permissions.map((p) => {
              const name = t(`admin.perm.${permKey(p)}.name`);
              return (
                <TableRow key={p} hover>
                  <TableCell component="th" scope="row" sx={sticky}>
                    <Typography variant="body2">{name}</Typography>
                    <Typography variant="caption" color="text.secondary" component="div">
                      {t(`admin.perm.${permKey(p)}.hint`)}
                    </Typography>
                  </TableCell>
                  {levels.map((l) => (
                    <TableCell key={l.id} align="center" padding="checkbox">
                      <Checkbox
                        checked={l.permissions.includes(p)}
                        onChange={(e) => onToggle(l, p, e.target.checked)}
                        slotProps={{
                          input: {
                            'aria-label': t('admin.levels.cellLabel', { name, perm: p, level: l.name }),
                            'data-testid': `permission-${p}-${l.id}`,
                          } as object,
                        }}
                      />
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        ))}
      </Table>
    </Box>
  );
}
