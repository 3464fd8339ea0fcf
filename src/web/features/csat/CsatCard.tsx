import { Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { UserText } from '../../ui/UserText';
import { RatingFace } from './faces';

export interface TicketCsat {
  rating: number;
  comment: string | null;
  answeredAt: string;
}

/** K5: the requester's satisfaction rating on the ticket page, once the survey was answered. */
export function CsatCard({ csat, own = false }: { csat: TicketCsat | null | undefined; own?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!csat) return null;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="csat-title"
      sx={{ p: 2 }}
      data-testid="ticket-csat"
      data-rating={csat.rating}
    >
      <Typography variant="subtitle1" component="h2" id="csat-title" sx={{ mb: 1, fontWeight: 600 }}>
        {t(own ? 'csat.ownCardTitle' : 'csat.cardTitle')}
      </Typography>
      <Stack direction="row" spacing={1} alignItems="center">
        <RatingFace rating={csat.rating} sx={{ fontSize: 36 }} />
        <div>
          <Typography>
            {t('csat.cardRating', { label: t(`csat.rating.${csat.rating}`), n: f.digits(csat.rating) })}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="time" dateTime={csat.answeredAt}>
            {f.date(csat.answeredAt)}
          </Typography>
        </div>
      </Stack>
      {csat.comment && (
        <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <UserText>{csat.comment}</UserText>
        </Typography>
      )}
    </Paper>
  );
}
