import { useState } from 'react';
import { Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../app/session';
import { AwayChip } from '../../ui/AwayChip';
import { AwayDialog } from './AwayDialog';

/** Issue 20: the profile's view of the "away" switch; the dialog changes it. */
export function AwayCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card variant="outlined" data-testid="away-card">
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" component="h2">
            {t('away.title')}
          </Typography>
          {me.user.away && <AwayChip until={me.user.awayUntil} />}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {me.user.away ? t('away.statusAway') : t('away.statusPresent')}
        </Typography>
        <Button variant="outlined" onClick={() => setOpen(true)} data-testid="away-change">
          {me.user.away ? t('away.change') : t('away.setAway')}
        </Button>
      </CardContent>
      {open && <AwayDialog me={me} onClose={() => setOpen(false)} />}
    </Card>
  );
}
