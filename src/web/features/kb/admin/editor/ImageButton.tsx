import { useRef, useState } from 'react';
import { CircularProgress } from '@mui/material';
import AddPhotoAlternateOutlined from '@mui/icons-material/AddPhotoAlternateOutlined';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../ui/states';
import { imageProblem, uploadKbImage } from '../api';
import { ImageFileInput } from '../ImageFileInput';
import { ToolButton } from './ToolButton';

/** Uploads a picture through POST /kb/images and puts it where the cursor is (`<img src=url>`). */
export function ImageButton({ editor, onProblem }: { editor: Editor; onProblem: (text: string | null) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const send = async (file: File | undefined) => {
    onProblem(null);
    if (!file) return;
    const problem = imageProblem(file);
    if (problem) return onProblem(t(`kbAdmin.image_${problem}`, { max: 2 }));
    setBusy(true);
    try {
      const { url } = await uploadKbImage(file);
      const alt = file.name.replace(/\.[^.]+$/, '');
      editor.chain().focus().insertImage({ src: url, alt }).run();
    } catch (err) {
      onProblem(errorMessage(err, t('errors.generic')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ImageFileInput ref={input} onFile={(f) => void send(f)} testId="kb-image-file" />
      <ToolButton
        name="image"
        label={busy ? t('editor.imageUploading') : t('editor.image')}
        icon={busy ? <CircularProgress size={20} aria-hidden /> : <AddPhotoAlternateOutlined />}
        disabled={busy}
        onClick={() => input.current?.click()}
      />
    </>
  );
}
