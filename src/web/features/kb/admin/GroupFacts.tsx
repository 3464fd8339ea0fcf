import { Chip, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import type { KbGroup } from './api';

/** A group's capability, visibility, position and article count, as small chips and words. */
export function GroupFacts({ group }: { group: KbGroup }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', alignItems: 'center', gap: 0.75, mt: 0.5 }}>
      {group.kb ? (
        <Chip size="small" color="success" variant="outlined" label={t('kbAdmin.groups.kbOn')} />
      ) : (
        <Tooltip title={t('kbAdmin.groups.kbOffWhy')}>
          <Chip
            size="small"
            variant="outlined"
            label={t('kbAdmin.groups.kbOff')}
            tabIndex={0}
            data-testid={`kb-group-nokb-${group.id}`}
          />
        </Tooltip>
      )}
      {!group.visible && <Chip size="small" color="warning" variant="outlined" label={t('kbAdmin.hidden')} />}
      <Typography variant="caption" color="text.secondary">
        {t('kbAdmin.groups.articleCount', { count: group.articles, n: f.number(group.articles) })}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {t('kbAdmin.groups.positionShort', { n: f.number(group.position) })}
      </Typography>
    </Stack>
  );
}
