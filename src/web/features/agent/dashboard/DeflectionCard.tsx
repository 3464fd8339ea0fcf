import { Box, Card, CardContent, Grid, Link as MuiLink, List, ListItem, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { appPath } from '../../../app/workspace-path';
import { useFormat } from '../../../ui/format';
import { EmptyState, QueryView } from '../../../ui/states';
import { articlePath } from '../../kb/public/paths';

/**
 * What the knowledge base's suggestions did (issue 17): ticket forms that were shown articles,
 * those where one was opened, and of those how many still sent a ticket or did not. For people
 * who manage the knowledge base or read reports.
 */
export function DeflectionCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const query = useQuery({ queryKey: ['kb', 'deflection'], queryFn: () => call('getKbDeflection') });
  return (
    <Card variant="outlined" sx={{ mt: 3 }} component="section" aria-labelledby="deflection-title">
      <CardContent>
        <Typography variant="h6" component="h2" id="deflection-title">
          {t('deflection.title')}
        </Typography>
        <QueryView query={query} rows={2}>
          {(d) => {
            const numbers = [
              { name: 'shown', value: d.shown, label: t('deflection.shown'), hint: t('deflection.shownHint') },
              { name: 'opened', value: d.opened, label: t('deflection.opened'), hint: t('deflection.openedHint') },
              {
                name: 'ticketsSent',
                value: d.ticketsSent,
                label: t('deflection.ticketsSent'),
                hint: t('deflection.ticketsSentHint'),
              },
              {
                name: 'ticketsAvoided',
                value: d.ticketsAvoided,
                label: t('deflection.ticketsAvoided'),
                hint: t('deflection.ticketsAvoidedHint'),
              },
            ];
            return (
              <>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                  {t('deflection.range', { from: f.day(d.from), to: f.day(d.to) })}
                </Typography>
                <Grid container spacing={2}>
                  {numbers.map((n) => (
                    <Grid key={n.name} size={{ xs: 6, md: 3 }}>
                      <Box data-testid={`deflection-${n.name}`} data-value={n.value}>
                        <Typography variant="body2" color="text.secondary" component="h3">
                          {n.label}
                        </Typography>
                        <Typography variant="h4" component="p" sx={{ fontWeight: 600, my: 0.5 }}>
                          {f.number(n.value)}
                        </Typography>
                        <Typography variant="caption" color="text.secondary">
                          {n.hint}
                        </Typography>
                      </Box>
                    </Grid>
                  ))}
                </Grid>
                <Typography variant="subtitle1" component="h3" sx={{ mt: 3, mb: 0.5, fontWeight: 600 }}>
                  {t('deflection.top')}
                </Typography>
                {d.topArticles.length ? (
                  <List dense disablePadding data-testid="deflection-top">
                    {d.topArticles.map((a) => (
                      <ListItem key={a.slug} disableGutters divider>
                        <Stack direction="row" spacing={2} sx={{ width: '100%', alignItems: 'baseline' }}>
                          <MuiLink
                            href={appPath(articlePath(a.slug))}
                            target="_blank"
                            rel="noopener"
                            sx={{ flexGrow: 1 }}
                          >
                            <bdi dir="auto">{a.title}</bdi>
                          </MuiLink>
                          <Typography variant="body2" color="text.secondary" sx={{ flexShrink: 0 }}>
                            {t('deflection.openedTimes', { count: a.opened, n: f.number(a.opened) })}
                          </Typography>
                        </Stack>
                      </ListItem>
                    ))}
                  </List>
                ) : (
                  <EmptyState title={t('deflection.none')} />
                )}
              </>
            );
          }}
        </QueryView>
      </CardContent>
    </Card>
  );
}
