import { useRef, useState } from 'react';
import { Alert, Box, Button, FormLabel, LinearProgress, Stack } from '@mui/material';
import Upload from '@mui/icons-material/Upload';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../ui/states';
import { imageProblem, uploadKbImage } from './api';
import { ImageFileInput } from './ImageFileInput';
import { GroupThumb } from './GroupThumb';

/** A group's picture: sent at once through POST /kb/images; the group keeps its id when saved. */
export function GroupImageField({
  url,
  onChange,
  error,
}: {
  url: string | null;
  onChange: (image: { id: string; url: string } | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    const bad = imageProblem(file);
    if (bad) return setProblem(t(`kbAdmin.image_${bad}`, { max: 2 }));
    setProgress(0);
    try {
      onChange(await uploadKbImage(file, setProgress));
    } catch (err) {
      setProblem(errorMessage(err, t('errors.generic')));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Box>
      <FormLabel component="div" sx={{ mb: 1 }}>
        {t('kbAdmin.groups.image')}
      </FormLabel>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Box data-testid="kb-group-image-preview">
          <GroupThumb url={url} size={72} />
        </Box>
        <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
          <ImageFileInput ref={input} onFile={(f) => void pick(f)} testId="kb-group-image-file" />
          <Button
            variant="outlined"
            size="small"
            startIcon={<Upload />}
            loading={progress !== null}
            onClick={() => input.current?.click()}
            data-testid="kb-group-image-upload"
          >
            {url ? t('kbAdmin.groups.imageReplace') : t('kbAdmin.groups.imageUpload')}
          </Button>
          {url && (
            <Button
              size="small"
              color="error"
              startIcon={<DeleteOutline />}
              onClick={() => onChange(null)}
              data-testid="kb-group-image-remove"
            >
              {t('kbAdmin.groups.imageRemove')}
            </Button>
          )}
        </Stack>
      </Stack>
      {progress !== null && (
        <LinearProgress
          variant="determinate"
          value={progress * 100}
          aria-label={t('kbAdmin.groups.imageUploading')}
          sx={{ mt: 1 }}
        />
      )}
      {(problem || error) && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }} onClose={problem ? () => setProblem(null) : undefined}>
          {problem ?? error}
        </Alert>
      )}
    </Box>
  );
}
