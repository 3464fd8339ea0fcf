import { Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import OpenInNew from '@mui/icons-material/OpenInNew';
import { useTranslation } from 'react-i18next';
import type { fieldErrors } from '../../../ui/form';
import { LabelledSwitch } from '../../admin/LabelledSwitch';
import { appPath } from '../../../app/workspace-path';
import type { KbArticle, KbGroup } from './api';
import { GroupPicker } from './GroupPicker';
import { KeywordsField } from './KeywordsField';
import { publicArticlePath, slugInput, type ArticleDraft } from './model';

/** Where an article lives and who sees it: group, «وضعیت نمایش», staff only, language, keywords, address. */
export function ArticleSettings({
  draft,
  onChange,
  groups,
  saved,
  fe,
}: {
  draft: ArticleDraft;
  onChange: (patch: Partial<ArticleDraft>) => void;
  groups: KbGroup[];
  /** The article as last saved (null while new). */
  saved: KbArticle | null;
  fe: ReturnType<typeof fieldErrors>;
}) {
  const { t } = useTranslation();
  const published = !!saved && saved.visible && !saved.internal;
  return (
    <Stack spacing={2}>
      <GroupPicker
        groups={groups}
        value={draft.groupId}
        onChange={(groupId) => onChange({ groupId })}
        error={fe.fields.groupId}
      />
      <LabelledSwitch
        label={t('kbAdmin.visibility')}
        checked={draft.visible}
        onChange={(visible) => onChange({ visible })}
        hint={draft.visible ? t('kbAdmin.editor.visibleOn') : t('kbAdmin.editor.visibleOff')}
        error={fe.fields.visible}
        testId="kb-article-visible"
      />
      <LabelledSwitch
        label={t('kbAdmin.editor.internal')}
        checked={draft.internal}
        onChange={(internal) => onChange({ internal })}
        hint={t('kbAdmin.editor.internalHint')}
        error={fe.fields.internal}
        testId="kb-article-internal"
      />
      <TextField
        select
        label={t('kbAdmin.editor.locale')}
        value={draft.locale}
        onChange={(e) => onChange({ locale: e.target.value as ArticleDraft['locale'] })}
        {...fe.field('locale', t('kbAdmin.editor.localeHint'))}
        slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'kb-article-locale' } as object } }}
      >
        <MenuItem value="fa">{t('kbAdmin.locale_fa')}</MenuItem>
        <MenuItem value="en">{t('kbAdmin.locale_en')}</MenuItem>
      </TextField>
      <KeywordsField
        value={draft.keywords}
        onChange={(keywords) => onChange({ keywords })}
        error={fe.fields.keywords}
      />
      <TextField
        label={t('kbAdmin.editor.slug')}
        value={draft.slug}
        onChange={(e) => onChange({ slug: slugInput(e.target.value) })}
        {...fe.field('slug', saved ? t('kbAdmin.editor.slugHintSaved') : t('kbAdmin.editor.slugHintNew'))}
        slotProps={{ htmlInput: { dir: 'auto', maxLength: 120, 'data-testid': 'kb-article-slug' } }}
      />
      {saved && (
        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
          {published ? (
            <Button
              size="small"
              href={appPath(publicArticlePath(saved.slug))}
              target="_blank"
              rel="noopener"
              endIcon={<OpenInNew fontSize="small" />}
              data-testid="kb-article-public-link"
            >
              {t('kbAdmin.editor.openInHelp')}
            </Button>
          ) : (
            <Typography variant="caption" color="text.secondary">
              {saved.internal ? t('kbAdmin.editor.notPublicInternal') : t('kbAdmin.editor.notPublicHidden')}
            </Typography>
          )}
        </Stack>
      )}
    </Stack>
  );
}
