import { Box, Button, Stack, Typography } from '@mui/material';
import ArrowBack from '@mui/icons-material/ArrowBack';
import ArrowForward from '@mui/icons-material/ArrowForward';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { ForbiddenPage } from '../../app/NotFoundPage';
import { isAdmin, useMe } from '../../app/session';
import { ErrorState, Loading } from '../../ui/states';
import { isolate } from '../../ui/UserText';
import { useDirectories, useDirectory } from './api';
import { DirectoryEditor } from './DirectoryEditor';

/** A5: `/admin/directories/:id`, and `/admin/directories/new` for a new one. Admins only, as the API. */
export default function DirectoryPage() {
  const me = useMe().data;
  if (!isAdmin(me)) return <ForbiddenPage />;
  return <DirectoryScreen />;
}

function DirectoryScreen() {
  const { t, i18n } = useTranslation();
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const existing = useDirectory(isNew ? null : id);
  // A new directory goes after the others (sign-in tries them in order).
  const all = useDirectories();
  const queries = isNew ? [all] : [existing];
  const failed = queries.find((q) => q.isError);
  const ready = queries.every((q) => q.data !== undefined);
  const Back = i18n.dir() === 'rtl' ? ArrowForward : ArrowBack;
  const title = isNew
    ? t('admin.directories.new')
    : existing.data
      ? t('admin.directories.editTitle', { name: isolate(existing.data.name) })
      : t('admin.directories.title');
  const nextPosition = Math.max(-10, ...(all.data ?? []).map((d) => d.position)) + 10;

  return (
    <Stack spacing={2} sx={{ maxWidth: 1000, minWidth: 0 }}>
      <Box>
        <Button
          component={RouterLink}
          to="/admin/directories"
          startIcon={<Back />}
          size="small"
          data-testid="directory-back"
          sx={{ mb: 0.5, mx: -1 }}
        >
          {t('admin.directories.backToList')}
        </Button>
        <Typography variant="h5" component="h1" data-testid="directory-title">
          {title}
        </Typography>
      </Box>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => queries.forEach((q) => void q.refetch())} />
      ) : !ready ? (
        <Loading rows={6} />
      ) : (
        <DirectoryEditor key={id} directory={isNew ? null : existing.data!} nextPosition={nextPosition} />
      )}
    </Stack>
  );
}
