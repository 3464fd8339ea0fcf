import { Box, Card, CardActionArea, CardContent, Grid, Typography } from '@mui/material';
import FolderOutlined from '@mui/icons-material/FolderOutlined';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TPublicKbGroup } from '../../../../contracts/kb';
import { useFormat } from '../../../ui/format';
import { UserText } from '../../../ui/UserText';

/** Groups in their order (position, then name). */
export const byPosition = (a: TPublicKbGroup, b: TPublicKbGroup) =>
  a.position - b.position || a.name.localeCompare(b.name);

/** A group's articles with those of its subgroups (the help centre has two levels). */
export const articlesIn = (g: TPublicKbGroup, all: TPublicKbGroup[]) =>
  g.articles + all.filter((s) => s.parentId === g.id).reduce((n, s) => n + s.articles, 0);

/** The help centre's groups as cards with their images, each a door to the group's page. */
export function GroupCards({
  groups,
  all,
  headingLevel = 'h2',
}: {
  groups: TPublicKbGroup[];
  /** Every group, to count the articles of subgroups with their group's. */
  all: TPublicKbGroup[];
  headingLevel?: 'h2' | 'h3';
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {[...groups].sort(byPosition).map((g) => {
        const count = articlesIn(g, all);
        return (
          <Grid key={g.id} size={{ xs: 12, sm: 6, md: 4 }} component="li">
            <Card variant="outlined" sx={{ height: '100%' }}>
              <CardActionArea
                component={Link}
                to={`/help/groups/${g.id}`}
                data-testid="help-group"
                sx={{ height: '100%', display: 'flex', flexDirection: 'column', alignItems: 'stretch' }}
              >
                {g.imageUrl ? (
                  <Box
                    component="img"
                    src={g.imageUrl}
                    alt=""
                    loading="lazy"
                    sx={{ width: '100%', height: 120, objectFit: 'cover', display: 'block', bgcolor: 'action.hover' }}
                  />
                ) : (
                  <Box
                    aria-hidden
                    sx={{
                      height: 120,
                      display: 'flex',
                      alignItems: 'center',
                      justifyContent: 'center',
                      bgcolor: 'action.hover',
                      color: 'primary.main',
                    }}
                  >
                    <FolderOutlined sx={{ fontSize: 48, opacity: 0.6 }} />
                  </Box>
                )}
                <CardContent sx={{ flexGrow: 1 }}>
                  <Typography
                    variant="subtitle1"
                    component={headingLevel}
                    sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}
                  >
                    <UserText>{g.name}</UserText>
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {t('kbPublic.articleCount', { count, n: f.number(count) })}
                  </Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          </Grid>
        );
      })}
    </Grid>
  );
}
