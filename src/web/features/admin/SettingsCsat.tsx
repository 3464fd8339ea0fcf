import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  InputAdornment,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { LabelledSwitch } from './LabelledSwitch';
import { NumberField } from '../../ui/NumberField';
import type { CsatDraft } from './settings-form';
import { SettingsSection } from './SettingsSection';
import type { SectionProps } from './SettingsSystem';

const CHANNELS = ['email', 'sms'] as const;

/** K5: satisfaction surveys after a ticket closes — on or off, by which channels, after how long. */
export function SettingsCsat({ draft, set, fe }: SectionProps) {
  const { t } = useTranslation();
  const csat = draft.csat;
  const put = (patch: Partial<CsatDraft>) => set('csat', { ...csat, ...patch });
  const toggleChannel = (c: (typeof CHANNELS)[number], on: boolean) =>
    put({
      channels: on
        ? CHANNELS.filter((x) => x === c || csat.channels.includes(x))
        : csat.channels.filter((x) => x !== c),
    });
  return (
    <SettingsSection id="csat" title={t('admin.settings.csatSection')} hint={t('admin.settings.csatHint')}>
      <LabelledSwitch
        label={t('admin.settings.csatEnabled')}
        checked={csat.enabled}
        onChange={(v) => put({ enabled: v })}
        error={fe.fields['csat.enabled']}
        testId="settings-csat-enabled"
      />
      <FormControl component="fieldset" disabled={!csat.enabled} error={fe.has('csat.channels')}>
        <FormLabel component="legend">{t('admin.settings.csatChannels')}</FormLabel>
        <FormGroup row>
          {CHANNELS.map((c) => (
            <FormControlLabel
              key={c}
              control={
                <Checkbox
                  checked={csat.channels.includes(c)}
                  onChange={(e) => toggleChannel(c, e.target.checked)}
                  slotProps={{ input: { 'data-testid': `settings-csat-${c}` } as object }}
                />
              }
              label={t(`admin.settings.csatChannel.${c}`)}
            />
          ))}
        </FormGroup>
        <FormHelperText>{fe.fields['csat.channels'] ?? t('admin.settings.csatChannelsHint')}</FormHelperText>
      </FormControl>
      <NumberField
        fullWidth
        disabled={!csat.enabled}
        sx={{ maxWidth: { sm: 360 } }}
        label={t('admin.settings.csatDelay')}
        value={csat.delayMinutes}
        onChange={(v) => put({ delayMinutes: v })}
        {...fe.field('csat.delayMinutes', t('admin.settings.csatDelayHint'))}
        slotProps={{
          htmlInput: { 'data-testid': 'settings-csat-delay' },
          input: { endAdornment: <InputAdornment position="end">{t('admin.settings.minutes')}</InputAdornment> },
        }}
      />
    </SettingsSection>
  );
}
