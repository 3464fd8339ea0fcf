import {
  Card,
  CardContent,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DigitsSwitch } from '../../app/LanguageSwitch';
import { useSetLanguage } from '../../app/session';
import { LANGS, type Lang } from '../../ui/i18n/i18n';

/** Language (kept on the person's profile) and Persian digits (kept in this browser). */
export function PreferencesCard() {
  const { t, i18n } = useTranslation();
  const setLanguage = useSetLanguage();
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('profile.preferences')}
        </Typography>
        <FormControl>
          <FormLabel id="lang-label">{t('profile.language')}</FormLabel>
          <RadioGroup
            row
            aria-labelledby="lang-label"
            value={i18n.language}
            onChange={(e) => void setLanguage(e.target.value as Lang)}
          >
            {LANGS.map((l) => (
              <FormControlLabel
                key={l}
                value={l}
                control={<Radio />}
                label={<span lang={l}>{t(`languages.${l}`)}</span>}
              />
            ))}
          </RadioGroup>
        </FormControl>
        <div>
          <DigitsSwitch />
        </div>
      </CardContent>
    </Card>
  );
}
