import { Alert, Button } from '@mui/material';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';

/** K9: this ticket was merged into another one; its thread lives there now. */
export function MergedBanner({ into, base = '/agent/tickets' }: { into: number; base?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Alert
      severity="info"
      sx={{ mb: 2 }}
      data-testid="merged-banner"
      data-into={into}
      action={
        <Button color="inherit" size="small" component={Link} to={`${base}/${into}`}>
          {t('merge.open', { n: f.digits(into) })}
        </Button>
      }
    >
      {t('merge.banner', { n: f.digits(into) })}
    </Alert>
  );
}
