import { useState } from 'react';
import { Box, Chip, List, ListItem, ListItemText, Paper, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { EmptyState, QueryView } from '../../../ui/states';
import { describeEvent, type Names } from './eventText';
import { useAgents, useDepartments, useEvents, useTicketTypes, useViews } from './queries';
import { UserText } from '../../../ui/UserText';

/** C21, C22: what happened to the ticket and who opened it, newest first. */
export function LogsPanel({ ticketNumber }: { ticketNumber: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [tab, setTab] = useState<'events' | 'views'>('events');
  const events = useEvents(ticketNumber, tab === 'events');
  const views = useViews(ticketNumber, tab === 'views');
  const departments = useDepartments();
  const agents = useAgents();
  const types = useTicketTypes();
  const fallback = (id: string) => t('ticket.unknownRef', { id: f.digits(id) });
  const names: Names = {
    department: (id) => departments.data?.find((d) => d.id === id)?.name ?? fallback(id),
    agent: (id) => agents.data?.find((a) => a.id === id)?.name ?? fallback(id),
    type: (id) => types.data?.find((ty) => ty.id === id)?.name ?? fallback(id),
    number: f.number,
  };

  return (
    <Paper variant="outlined" component="section" aria-labelledby="logs-title" sx={{ p: 2 }} data-testid="ticket-logs">
      <Typography variant="subtitle1" component="h2" id="logs-title" sx={{ fontWeight: 600 }}>
        {t('ticket.logs')}
      </Typography>
      <Tabs
        value={tab}
        onChange={(_, v: 'events' | 'views') => setTab(v)}
        aria-label={t('ticket.logs')}
        variant="fullWidth"
        sx={{ borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab
          value="events"
          label={t('ticket.eventLog')}
          id="logs-tab-events"
          aria-controls="logs-panel-events"
          data-testid="logs-tab-events"
        />
        <Tab
          value="views"
          label={t('ticket.viewLog')}
          id="logs-tab-views"
          aria-controls="logs-panel-views"
          data-testid="logs-tab-views"
        />
      </Tabs>
      <Box
        role="tabpanel"
        tabIndex={0}
        id={`logs-panel-${tab}`}
        aria-labelledby={`logs-tab-${tab}`}
        sx={{ maxHeight: { md: 420 }, overflowY: 'auto' }}
      >
        {tab === 'events' ? (
          <QueryView query={events} rows={3}>
            {(items) =>
              items.length ? (
                <List dense data-testid="event-log">
                  {[...items].reverse().map((e) => (
                    <ListItem key={e.id} disableGutters divider data-kind={e.kind}>
                      <ListItemText
                        primary={
                          <>
                            <strong dir="auto">
                              {e.actor.id === null && !e.actor.name ? t('ticket.level.system') : e.actor.name}
                            </strong>{' '}
                            {describeEvent(e, t, names)}
                          </>
                        }
                        secondary={<time dateTime={e.createdAt}>{f.date(e.createdAt)}</time>}
                        slotProps={{ primary: { sx: { overflowWrap: 'anywhere' } } }}
                      />
                    </ListItem>
                  ))}
                </List>
              ) : (
                <EmptyState title={t('ticket.noEvents')} />
              )
            }
          </QueryView>
        ) : (
          <QueryView query={views} rows={3}>
            {(items) =>
              items.length ? (
                <List dense data-testid="view-log">
                  {items.map((v, i) => (
                    <ListItem key={`${v.user.id}-${v.viewedAt}-${i}`} disableGutters divider>
                      <ListItemText
                        primary={<UserText>{v.user.name}</UserText>}
                        secondary={<time dateTime={v.viewedAt}>{f.date(v.viewedAt)}</time>}
                      />
                      {v.byAdmin && <Chip size="small" label={t('ticket.byAdmin')} />}
                    </ListItem>
                  ))}
                </List>
              ) : (
                <EmptyState title={t('ticket.noViews')} />
              )
            }
          </QueryView>
        )}
      </Box>
    </Paper>
  );
}
