import type { ReactNode } from 'react';
import { LinearProgress, Paper } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * The box around a paged list of the portal (my tickets, my requests): a labelled section,
 * busy while a new page loads, with a thin progress bar over the rows already shown.
 */
export function ResultsPanel({
  label,
  query,
  children,
}: {
  label: string;
  query: { isFetching: boolean; isPending: boolean };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      variant="outlined"
      sx={{ p: { xs: 1, sm: 2 }, position: 'relative' }}
      component="section"
      aria-label={label}
      aria-busy={query.isFetching}
    >
      {query.isFetching && !query.isPending && (
        <LinearProgress sx={{ position: 'absolute', top: 0, left: 0, right: 0 }} aria-label={t('common.loading')} />
      )}
      {children}
    </Paper>
  );
}
