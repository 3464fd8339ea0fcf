import { Box, Button, Stack, Typography } from '@mui/material';
import ArrowBack from '@mui/icons-material/ArrowBack';
import ArrowForward from '@mui/icons-material/ArrowForward';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { ForbiddenPage } from '../../../app/NotFoundPage';
import { can, useMe } from '../../../app/session';
import { ErrorState, Loading } from '../../../ui/states';
import { isolate } from '../../../ui/UserText';
import { useDepartmentsLookup } from '../lookups';
import { useCalendarsLookup, useDesk, useRequestType, useRequestTypes } from './queries';
import { RequestTypeEditor } from './RequestTypeEditor';

/**
 * E1–E3: one request type of a desk, whole on one page (phones included): its details, its form
 * and its workflow, saved together. `/admin/desks/:deskId/request-types/new` starts a new one.
 */
export default function RequestTypePage() {
  const me = useMe().data;
  if (!can(me, 'catalog.manage')) return <ForbiddenPage />;
  return <RequestTypeScreen />;
}

function RequestTypeScreen() {
  const { t, i18n } = useTranslation();
  const { deskId = '', id = 'new' } = useParams();
  const isNew = id === 'new';
  const desk = useDesk(deskId);
  const existing = useRequestType(isNew ? null : id);
  const siblings = useRequestTypes(isNew ? deskId : undefined);
  const departments = useDepartmentsLookup();
  const calendars = useCalendarsLookup();
  const queries = [desk, departments, calendars, ...(isNew ? [siblings] : [existing])];
  const failed = queries.find((q) => q.isError);
  const ready = queries.every((q) => q.data !== undefined);
  const Back = i18n.dir() === 'rtl' ? ArrowForward : ArrowBack;
  const title = isNew
    ? t('admin.catalogue.newRequestType')
    : existing.data
      ? t('admin.catalogue.editRequestType', { name: isolate(existing.data.name) })
      : t('admin.catalogue.requestType');

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100, minWidth: 0 }}>
      <Box>
        <Button
          component={RouterLink}
          to={`/admin/desks?desk=${deskId}`}
          startIcon={<Back />}
          size="small"
          data-testid="request-type-back"
          sx={{ mb: 0.5, mx: -1 }}
        >
          {desk.data ? t('admin.catalogue.backToDesk', { name: isolate(desk.data.name) }) : t('admin.catalogue.title')}
        </Button>
        <Typography variant="h5" component="h1" data-testid="request-type-title">
          {title}
        </Typography>
      </Box>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => queries.forEach((q) => void q.refetch())} />
      ) : !ready ? (
        <Loading rows={6} />
      ) : (
        <RequestTypeEditor
          key={id}
          desk={desk.data!}
          requestType={isNew ? null : existing.data!}
          nextPosition={(siblings.data?.items.length ?? 0) * 10}
          departments={departments.data!.items}
          calendars={calendars.data!.items}
        />
      )}
    </Stack>
  );
}
