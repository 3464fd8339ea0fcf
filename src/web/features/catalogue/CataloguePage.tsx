import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryView } from '../../ui/states';
import { DeskSection } from './DeskSection';
import { useDesks } from './queries';

/** E1: the service catalogue — every desk the person may see, each with its request types as cards. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const desks = useDesks();
  return (
    <Stack spacing={3} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <div>
        <Typography variant="h5" component="h1">
          {t('catalogue.title')}
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          {t('catalogue.intro')}
        </Typography>
      </div>
      <QueryView query={desks} rows={4}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('catalogue.empty')} hint={t('catalogue.emptyHint')} />
          ) : (
            data.items.map((d) => <DeskSection key={d.id} desk={d} />)
          )
        }
      </QueryView>
    </Stack>
  );
}
