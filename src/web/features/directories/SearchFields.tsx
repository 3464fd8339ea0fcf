import { Box, Button, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DEFAULT_USER_FILTER, PRESETS, presetOf, type Attributes, type Preset } from './directory-form';
import { plainInput, type PartProps } from './Section';
import { LabelledSwitch } from '../admin/LabelledSwitch';

const ATTRS: Array<keyof Attributes> = ['username', 'name', 'email', 'mobile'];

/** Where people are looked for and how: base DN and the filter the typed login is put into. */
export function SearchFields({ form, set, fe }: PartProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        required
        label={t('admin.directories.baseDn')}
        value={form.baseDn}
        onChange={(e) => set({ baseDn: e.target.value })}
        {...fe.field('baseDn', t('admin.directories.baseDnHint'))}
        slotProps={{ htmlInput: { ...plainInput.htmlInput, dir: 'ltr', 'data-testid': 'directory-base-dn' } }}
      />
      <Box>
        <TextField
          fullWidth
          multiline
          maxRows={4}
          label={t('admin.directories.userFilter')}
          value={form.userFilter}
          onChange={(e) => set({ userFilter: e.target.value })}
          {...fe.field('userFilter', t('admin.directories.userFilterHint'))}
          slotProps={{
            htmlInput: { ...plainInput.htmlInput, dir: 'ltr', 'data-testid': 'directory-filter' },
            input: { sx: { fontFamily: 'monospace', fontSize: 13 } },
          }}
        />
        {form.userFilter.trim() !== DEFAULT_USER_FILTER && (
          <Button size="small" onClick={() => set({ userFilter: DEFAULT_USER_FILTER })} sx={{ mt: 0.5 }}>
            {t('admin.directories.userFilterDefault')}
          </Button>
        )}
      </Box>
      <Stack spacing={0.5}>
        <LabelledSwitch
          label={t('admin.directories.activeDirectory')}
          checked={form.activeDirectory}
          // Nested groups are an Active Directory matter: switched off with it.
          onChange={(activeDirectory) => set({ activeDirectory, ...(!activeDirectory && { nestedGroups: false }) })}
          hint={t('admin.directories.activeDirectoryHint')}
          error={fe.fields.activeDirectory}
          testId="directory-ad"
        />
        <LabelledSwitch
          label={t('admin.directories.nestedGroups')}
          checked={form.activeDirectory && form.nestedGroups}
          onChange={(nestedGroups) => set({ nestedGroups })}
          hint={t('admin.directories.nestedGroupsHint')}
          error={fe.fields.nestedGroups}
          testId="directory-nested"
          disabled={!form.activeDirectory}
        />
      </Stack>
    </>
  );
}

/** Which attribute holds each detail of a person, typed or taken from a preset. */
export function AttributeFields({ form, set, fe }: PartProps) {
  const { t } = useTranslation();
  const preset = presetOf(form.attributes);
  return (
    <>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
        <Typography variant="body2" id="directory-preset-label">
          {t('admin.directories.preset')}
        </Typography>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={preset}
          aria-labelledby="directory-preset-label"
          onChange={(_, p: Preset | null) => p && set({ attributes: { ...PRESETS[p] } })}
        >
          {(Object.keys(PRESETS) as Preset[]).map((p) => (
            <ToggleButton key={p} value={p} data-testid={`directory-preset-${p}`} sx={{ textTransform: 'none' }}>
              {t(`admin.directories.preset_${p}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
        {ATTRS.map((a) => (
          <TextField
            key={a}
            required={a === 'username'}
            label={t(`admin.directories.attr.${a}`)}
            value={form.attributes[a]}
            onChange={(e) => set({ attributes: { ...form.attributes, [a]: e.target.value } })}
            {...fe.field(`attributes.${a}`)}
            slotProps={{ htmlInput: { ...plainInput.htmlInput, dir: 'ltr', 'data-testid': `directory-attr-${a}` } }}
          />
        ))}
      </Box>
    </>
  );
}
