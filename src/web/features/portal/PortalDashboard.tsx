import { Box, Button, Card, CardActionArea, Paper, Stack, Typography } from '@mui/material';
import AddCircleOutline from '@mui/icons-material/AddCircleOutline';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { QueryOf } from '../../app/api';
import { useMe } from '../../app/session';
import { useFormat } from '../../ui/format';
import { EmptyState, ErrorState, QueryView } from '../../ui/states';
import { useDashboard, useMyTickets } from './lookups';
import { TicketCards } from './TicketCards';

// Each ticket shows once: those awaiting the customer's answer (pending) in their own box, the
// latest of the others below. (The latest list used to take every status and so repeated them.)
const AWAITING: QueryOf<'listTickets'> = { status: ['pending'], sort: '-updated', pageSize: 10 };
const RECENT: QueryOf<'listTickets'> = { status: ['active', 'closed', 'locked'], sort: '-updated', pageSize: 5 };

function Counter({
  label,
  value,
  to,
  testId,
}: {
  label: string;
  value: number | undefined;
  to: string;
  testId: string;
}) {
  const f = useFormat();
  return (
    <Card variant="outlined" sx={{ flex: 1, minWidth: 0 }}>
      <CardActionArea component={Link} to={to} sx={{ p: 2 }} data-testid={testId}>
        <Typography variant="h4" component="p" sx={{ fontWeight: 700 }}>
          {value === undefined ? '–' : f.number(value)}
        </Typography>
        <Typography color="text.secondary">{label}</Typography>
      </CardActionArea>
    </Card>
  );
}

/** D5: the customer's home: how many tickets await its answer, those tickets, and its latest ones. */
export default function PortalDashboard() {
  const { t } = useTranslation();
  const me = useMe().data;
  const dash = useDashboard();
  const awaiting = useMyTickets(AWAITING);
  const recent = useMyTickets(RECENT);

  return (
    <Stack spacing={3} sx={{ maxWidth: 960, mx: 'auto' }}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        justifyContent="space-between"
        alignItems={{ xs: 'stretch', sm: 'center' }}
      >
        <Box>
          <Typography variant="h4" component="h1">
            {/* The name is isolated (FSI…PDI): a Latin name inside Persian text, or the reverse, keeps its order. */}
            {t('portal.dashboard.greeting', { name: me?.user.name ? `\u2068${me.user.name}\u2069` : '' })}
          </Typography>
          <Typography color="text.secondary">{t('portal.dashboard.intro')}</Typography>
        </Box>
        <Button
          component={Link}
          to="/portal/new"
          variant="contained"
          size="large"
          startIcon={<AddCircleOutline />}
          data-testid="portal-new-ticket"
        >
          {t('portal.dashboard.newTicket')}
        </Button>
      </Stack>

      {dash.isError ? (
        <ErrorState error={dash.error} onRetry={() => void dash.refetch()} />
      ) : (
        <Stack direction="row" spacing={2} component="section" aria-label={t('portal.dashboard.counters')}>
          <Counter
            label={t('portal.dashboard.awaitingMe')}
            value={dash.data?.awaitingMe}
            to="/portal/tickets?status=pending"
            testId="counter-awaiting"
          />
          <Counter
            label={t('portal.dashboard.myOpen')}
            value={dash.data?.myOpen}
            to="/portal/tickets?status=active&status=pending"
            testId="counter-open"
          />
        </Stack>
      )}

      <Paper
        component="section"
        variant="outlined"
        sx={{ p: { xs: 1.5, sm: 2 }, borderColor: 'warning.main' }}
        aria-labelledby="awaiting-heading"
      >
        <Typography id="awaiting-heading" variant="h6" component="h2">
          {t('portal.dashboard.awaitingTitle')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {t('portal.dashboard.awaitingHint')}
        </Typography>
        <QueryView query={awaiting} rows={2}>
          {(page) =>
            page.items.length ? (
              <TicketCards items={page.items} highlight />
            ) : (
              <Typography color="text.secondary">{t('portal.dashboard.awaitingNone')}</Typography>
            )
          }
        </QueryView>
      </Paper>

      <Box component="section" aria-labelledby="recent-heading">
        <Stack direction="row" justifyContent="space-between" alignItems="center" sx={{ mb: 1 }}>
          <Typography id="recent-heading" variant="h6" component="h2">
            {t('portal.dashboard.recentTitle')}
          </Typography>
          <Button component={Link} to="/portal/tickets" size="small">
            {t('portal.dashboard.allTickets')}
          </Button>
        </Stack>
        <QueryView query={recent} rows={3}>
          {(page) =>
            page.items.length ? (
              <TicketCards items={page.items} />
            ) : awaiting.data?.items.length ? (
              <Typography color="text.secondary">{t('portal.dashboard.recentNoneElse')}</Typography>
            ) : (
              <EmptyState
                title={t('portal.dashboard.noTickets')}
                hint={t('portal.dashboard.noTicketsHint')}
                action={
                  <Button component={Link} to="/portal/new" variant="contained">
                    {t('portal.dashboard.newTicket')}
                  </Button>
                }
              />
            )
          }
        </QueryView>
      </Box>
    </Stack>
  );
}
