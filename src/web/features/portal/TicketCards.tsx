import { Box, Card, CardActionArea, Stack, Typography } from '@mui/material';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PriorityFlag, StatusChip } from '../../ui/ticket-bits';
import { SnippetLine, SubjectText } from '../../ui/SearchSnippet';
import { UserText } from '../../ui/UserText';

/** Tickets as cards: for narrow screens and the dashboard's short lists. */
export function TicketCards({ items, highlight }: { items: ItemOf<'listTickets'>[]; highlight?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {items.map((tk) => (
        <li key={tk.number}>
          <Card variant="outlined" sx={highlight ? { borderColor: 'warning.main', borderLeftWidth: 4 } : undefined}>
            <CardActionArea
              component={Link}
              to={`/portal/tickets/${tk.number}`}
              sx={{ p: 1.5 }}
              data-testid="ticket-row"
            >
              <Stack direction="row" spacing={1} alignItems="center" justifyContent="space-between">
                <Typography variant="body2" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {f.digits(`#${tk.number}`)}
                </Typography>
                <Stack direction="row" spacing={0.5} alignItems="center">
                  <PriorityFlag priority={tk.priority} />
                  <StatusChip status={tk.status} />
                </Stack>
              </Stack>
              <Typography sx={{ fontWeight: 500, my: 0.5, overflowWrap: 'anywhere' }}>
                <UserText>
                  <SubjectText subject={tk.subject} snippet={tk.snippet} />
                </UserText>
              </Typography>
              <SnippetLine subject={tk.subject} snippet={tk.snippet} />
              <Box
                sx={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  columnGap: 1.5,
                  color: 'text.secondary',
                  typography: 'caption',
                }}
              >
                <UserText>{tk.department.name}</UserText>
                <span>{t('portal.list.updatedAt', { date: f.date(tk.updatedAt) })}</span>
              </Box>
            </CardActionArea>
          </Card>
        </li>
      ))}
    </Stack>
  );
}
