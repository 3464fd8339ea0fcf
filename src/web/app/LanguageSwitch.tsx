import { Button, FormControlLabel, Switch } from '@mui/material';
import Translate from '@mui/icons-material/Translate';
import { useTranslation } from 'react-i18next';
import { useSetLanguage } from './session';
import { useDisplayPrefs } from './prefs';

/** Flips between Persian (RTL, Jalali) and English (LTR, Gregorian). */
export function LanguageSwitch({ color = 'inherit' }: { color?: 'inherit' | 'primary' }) {
  const { t, i18n } = useTranslation();
  const setLanguage = useSetLanguage();
  const next = i18n.language === 'fa' ? 'en' : 'fa';
  return (
    <Button
      color={color}
      startIcon={<Translate />}
      onClick={() => void setLanguage(next)}
      lang={next}
      data-testid="language-switch"
      aria-label={t('nav.switchLanguageTo', { lang: t(`languages.${next}`) })}
    >
      {t(`languages.${next}`)}
    </Button>
  );
}

/** "Persian digits" on or off (only meaningful in Persian). */
export function DigitsSwitch() {
  const { t, i18n } = useTranslation();
  const { persianDigits, setPersianDigits } = useDisplayPrefs();
  if (i18n.language !== 'fa') return null;
  return (
    <FormControlLabel
      control={<Switch checked={persianDigits} onChange={(e) => setPersianDigits(e.target.checked)} />}
      label={t('prefs.persianDigits')}
    />
  );
}
