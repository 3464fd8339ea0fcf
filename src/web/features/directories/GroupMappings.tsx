import {
  Autocomplete,
  Box,
  Button,
  IconButton,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useTranslation } from 'react-i18next';
import { UserText } from '../../ui/UserText';
import { useAccessLevelsLookup, useDepartmentsLookup } from '../admin/lookups';
import { MAPPED_ROLES, newMapping, type MappedRole, type MappingRow } from './directory-form';
import { plainInput, type PartProps } from './Section';

/**
 * Directory groups → what their members get here: a role, and for agents an access level and
 * departments. One row per group; rows are added and removed freely until Save.
 */
export function GroupMappings({ form, set, fe }: PartProps) {
  const { t } = useTranslation();
  const levels = useAccessLevelsLookup();
  const departments = useDepartmentsLookup();
  const rows = form.groupMappings;
  const change = (key: number, patch: Partial<MappingRow>) =>
    set({ groupMappings: rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });

  return (
    <>
      {fe.fields.groupMappings && (
        <Typography color="error" variant="body2" role="alert">
          {fe.fields.groupMappings}
        </Typography>
      )}
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="directory-mappings-empty">
          {t('admin.directories.mapping.empty')}
        </Typography>
      ) : (
        <Stack component="ol" spacing={1.5} sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {rows.map((r, i) => {
            const at = (k: string) => `groupMappings.${i}.${k}`;
            const chosen = (departments.data?.items ?? []).filter((d) => r.departmentIds.includes(d.id));
            return (
              <Paper
                component="li"
                variant="outlined"
                key={r.key}
                data-testid={`directory-mapping-${i}`}
                aria-label={t('admin.directories.mapping.row', { n: i + 1 })}
                sx={{ p: 1.5 }}
              >
                <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
                  <Box
                    sx={{
                      flex: 1,
                      minWidth: 0,
                      display: 'grid',
                      gap: 1.5,
                      gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr)' },
                    }}
                  >
                    <TextField
                      required
                      size="small"
                      label={t('admin.directories.mapping.groupDn')}
                      value={r.groupDn}
                      onChange={(e) => change(r.key, { groupDn: e.target.value })}
                      {...fe.field(at('groupDn'))}
                      slotProps={{
                        htmlInput: { ...plainInput.htmlInput, dir: 'ltr', 'data-testid': `directory-mapping-dn-${i}` },
                      }}
                    />
                    <TextField
                      select
                      size="small"
                      label={t('admin.directories.mapping.role')}
                      value={r.role}
                      onChange={(e) => change(r.key, { role: e.target.value as MappedRole })}
                      {...fe.field(at('role'))}
                      data-testid={`directory-mapping-role-${i}`}
                    >
                      {MAPPED_ROLES.map((role) => (
                        <MenuItem key={role} value={role}>
                          {t(`admin.people.role_${role}`)}
                        </MenuItem>
                      ))}
                    </TextField>
                    {r.role === 'agent' ? (
                      <TextField
                        select
                        size="small"
                        label={t('admin.directories.mapping.accessLevel')}
                        value={r.accessLevelId}
                        onChange={(e) => change(r.key, { accessLevelId: e.target.value })}
                        {...fe.field(at('accessLevelId'))}
                        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
                        data-testid={`directory-mapping-level-${i}`}
                      >
                        <MenuItem value="">{t('admin.directories.mapping.defaultLevel')}</MenuItem>
                        {(levels.data?.items ?? []).map((l) => (
                          <MenuItem key={l.id} value={l.id}>
                            <UserText>{l.name}</UserText>
                          </MenuItem>
                        ))}
                        {/* The saved level while the list loads, so the select never holds an unknown value. */}
                        {r.accessLevelId && !levels.data?.items.some((l) => l.id === r.accessLevelId) && (
                          <MenuItem value={r.accessLevelId}>{t('common.loading')}</MenuItem>
                        )}
                      </TextField>
                    ) : (
                      <Box sx={{ display: { xs: 'none', md: 'block' } }} />
                    )}
                    {r.role === 'agent' && (
                      <Autocomplete
                        multiple
                        size="small"
                        options={departments.data?.items ?? []}
                        getOptionLabel={(o) => o.name}
                        isOptionEqualToValue={(a, b) => a.id === b.id}
                        value={chosen}
                        onChange={(_, v) => change(r.key, { departmentIds: v.map((d) => d.id) })}
                        loading={departments.isPending}
                        noOptionsText={t('admin.common.noMatches')}
                        sx={{ gridColumn: { md: '1 / -1' } }}
                        renderInput={(p) => (
                          <TextField
                            {...p}
                            label={t('admin.directories.mapping.departments')}
                            {...fe.field(at('departmentIds'), t('admin.directories.mapping.departmentsHint'))}
                            slotProps={{ htmlInput: { ...p.inputProps, dir: 'auto' } }}
                          />
                        )}
                        data-testid={`directory-mapping-departments-${i}`}
                      />
                    )}
                  </Box>
                  <Tooltip title={t('admin.directories.mapping.remove', { n: i + 1 })}>
                    <IconButton
                      aria-label={t('admin.directories.mapping.remove', { n: i + 1 })}
                      onClick={() => set({ groupMappings: rows.filter((x) => x.key !== r.key) })}
                      data-testid={`directory-mapping-remove-${i}`}
                    >
                      <DeleteOutline />
                    </IconButton>
                  </Tooltip>
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      )}
      <Box>
        <Button
          startIcon={<Add />}
          onClick={() => set({ groupMappings: [...rows, newMapping()] })}
          data-testid="directory-mapping-add"
        >
          {t('admin.directories.mapping.add')}
        </Button>
      </Box>
    </>
  );
}
