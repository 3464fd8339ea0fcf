import { useRef, useState } from 'react';
import { Alert, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import Upload from '@mui/icons-material/Upload';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, upload } from '../../app/api';
import { errorMessage } from '../../ui/states';
import { SettingsSection } from './SettingsSection';
import type { SettingsData } from './types';

const TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const MAX_BYTES = 2 * 1024 * 1024;
const OPERATIONS = {
  logo: { upload: 'uploadLogo', remove: 'deleteLogo' },
  'login-image': { upload: 'uploadLoginImage', remove: 'deleteLoginImage' },
} as const;

/** J1: the logo (top bar, sign-in page) and the sign-in page's picture. */
export function SettingsImages({ settings }: { settings: SettingsData }) {
  const { t } = useTranslation();
  return (
    <SettingsSection id="images" title={t('admin.settings.imagesSection')} hint={t('admin.settings.imagesHint')}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
        <ImageSetting which="logo" url={settings.logoUrl} />
        <ImageSetting which="login-image" url={settings.loginImageUrl} />
      </Stack>
    </SettingsSection>
  );
}

function ImageSetting({ which, url }: { which: 'logo' | 'login-image'; url: string | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const k = which === 'logo' ? 'logo' : 'loginImage';
  const label = t(`admin.settings.${k}`);
  const done = (s: SettingsData) => {
    qc.setQueryData(['admin', 'settings'], s);
    void qc.invalidateQueries({ queryKey: ['public-settings'] });
  };
  const send = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return upload(OPERATIONS[which].upload, form, { onProgress: setProgress });
    },
    onSuccess: done,
    onError: (err) => setProblem(errorMessage(err, t('errors.generic'))),
    onSettled: () => setProgress(null),
  });
  const remove = useMutation({
    mutationFn: () => call(OPERATIONS[which].remove),
    onSuccess: done,
    onError: (err) => setProblem(errorMessage(err, t('errors.generic'))),
  });

  const pick = (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    if (!TYPES.includes(file.type)) return setProblem(t('admin.settings.imageBadType'));
    if (file.size > MAX_BYTES) return setProblem(t('admin.settings.imageTooBig', { max: 2 }));
    send.mutate(file);
  };

  return (
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      <Box
        sx={{
          mt: 1,
          mb: 1.5,
          height: 140,
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          bgcolor: 'grey.50',
          overflow: 'hidden',
        }}
      >
        {url ? (
          <Box
            component="img"
            src={url}
            alt={t(`admin.settings.${k}Current`)}
            sx={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' }}
          />
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('admin.settings.noImage')}
          </Typography>
        )}
      </Box>
      {progress !== null && (
        <LinearProgress
          variant="determinate"
          value={progress * 100}
          aria-label={t(`admin.settings.${k}Uploading`)}
          sx={{ mb: 1 }}
        />
      )}
      {problem && (
        <Alert severity="error" role="alert" sx={{ mb: 1 }} onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
        <input
          ref={input}
          hidden
          type="file"
          accept={TYPES.join(',')}
          onChange={(e) => {
            pick(e.target.files?.[0]);
            e.target.value = '';
          }}
          data-testid={`settings-${which}-file`}
        />
        <Button
          variant="outlined"
          startIcon={<Upload />}
          loading={send.isPending}
          onClick={() => input.current?.click()}
          data-testid={`settings-${which}-upload`}
        >
          {url ? t(`admin.settings.${k}Replace`) : t(`admin.settings.${k}Upload`)}
        </Button>
        {url && (
          <Button
            color="error"
            startIcon={<DeleteOutline />}
            loading={remove.isPending}
            onClick={() => remove.mutate()}
            data-testid={`settings-${which}-remove`}
          >
            {t(`admin.settings.${k}Remove`)}
          </Button>
        )}
      </Stack>
    </Box>
  );
}
