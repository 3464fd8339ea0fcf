import { Breadcrumbs, Link as MuiLink, Typography } from '@mui/material';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export interface Crumb {
  id: string;
  name: string;
}

/** Help centre › group › subgroup (› the current page, not a link). */
export function HelpBreadcrumbs({ groups, current }: { groups: Crumb[]; current?: string }) {
  const { t } = useTranslation();
  return (
    <Breadcrumbs
      aria-label={t('kbPublic.breadcrumb')}
      separator="›"
      sx={{ mb: 1.5, '& .MuiBreadcrumbs-ol': { rowGap: 0.5 } }}
      data-testid="help-breadcrumbs"
    >
      <MuiLink component={Link} to="/help" underline="hover" color="inherit">
        {t('kbPublic.title')}
      </MuiLink>
      {groups.map((g) => (
        <MuiLink key={g.id} component={Link} to={`/help/groups/${g.id}`} underline="hover" color="inherit">
          <bdi dir="auto">{g.name}</bdi>
        </MuiLink>
      ))}
      {current && (
        <Typography color="text.primary" aria-current="page" sx={{ overflowWrap: 'anywhere' }}>
          <bdi dir="auto">{current}</bdi>
        </Typography>
      )}
    </Breadcrumbs>
  );
}
