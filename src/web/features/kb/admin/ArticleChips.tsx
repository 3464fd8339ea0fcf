import { Chip, Stack } from '@mui/material';
import VisibilityOffOutlined from '@mui/icons-material/VisibilityOffOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import { useTranslation } from 'react-i18next';
import type { KbArticleRow } from './api';

/** Shown or hidden, staff only, and the language of an article. */
export function ArticleChips({ article }: { article: Pick<KbArticleRow, 'visible' | 'internal' | 'locale'> }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {article.visible ? (
        <Chip size="small" color="success" variant="outlined" label={t('kbAdmin.visible')} />
      ) : (
        <Chip
          size="small"
          color="warning"
          variant="outlined"
          icon={<VisibilityOffOutlined />}
          label={t('kbAdmin.hidden')}
        />
      )}
      {article.internal && (
        <Chip size="small" color="secondary" variant="outlined" icon={<LockOutlined />} label={t('kbAdmin.internal')} />
      )}
      <Chip size="small" variant="outlined" label={t(`kbAdmin.locale_${article.locale}`)} />
    </Stack>
  );
}
