import { Box, Card, CardActionArea, Typography } from '@mui/material';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/states';
import { useRequestTypes, type Desk } from './queries';

/** One desk of the catalogue: its name and description, and its request types as cards to choose from. */
export function DeskSection({ desk }: { desk: Desk }) {
  const { t, i18n } = useTranslation();
  const types = useRequestTypes(desk.id);
  const Arrow = i18n.dir() === 'rtl' ? ChevronLeft : ChevronRight;
  const headingId = `desk-${desk.id}`;
  return (
    <Box component="section" aria-labelledby={headingId} data-testid={`desk-${desk.key}`}>
      <Typography id={headingId} variant="h6" component="h2" dir="auto" sx={{ overflowWrap: 'anywhere' }}>
        {desk.name}
      </Typography>
      {desk.description && (
        <Typography variant="body2" color="text.secondary" dir="auto" sx={{ mb: 1, whiteSpace: 'pre-line' }}>
          {desk.description}
        </Typography>
      )}
      <QueryView query={types} rows={2}>
        {(data) =>
          data.items.length === 0 ? (
            <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
              {t('catalogue.deskEmpty')}
            </Typography>
          ) : (
            <Box
              component="ul"
              sx={{
                listStyle: 'none',
                p: 0,
                m: 0,
                mt: 1,
                display: 'grid',
                gap: 1.5,
                gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(3, minmax(0, 1fr))' },
              }}
            >
              {data.items.map((rt) => (
                <li key={rt.id}>
                  <Card variant="outlined" sx={{ height: '100%' }}>
                    <CardActionArea
                      component={Link}
                      to={`/portal/desks/${desk.id}/request-types/${rt.id}`}
                      sx={{ p: 2, height: '100%', display: 'flex', alignItems: 'flex-start', gap: 1 }}
                      data-testid={`request-type-${rt.id}`}
                    >
                      <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                        <Typography component="h3" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }} dir="auto">
                          {rt.name}
                        </Typography>
                        {rt.description && (
                          <Typography
                            variant="body2"
                            color="text.secondary"
                            dir="auto"
                            sx={{ mt: 0.5, overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}
                          >
                            {rt.description}
                          </Typography>
                        )}
                      </Box>
                      <Arrow color="action" aria-hidden sx={{ mt: 0.25 }} />
                    </CardActionArea>
                  </Card>
                </li>
              ))}
            </Box>
          )
        }
      </QueryView>
    </Box>
  );
}
