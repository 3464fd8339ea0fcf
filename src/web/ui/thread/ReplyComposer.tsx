import { useState, type FormEvent } from 'react';
import { Box, Button, Stack } from '@mui/material';
import Send from '@mui/icons-material/Send';
import { useTranslation } from 'react-i18next';
import { AttachmentPicker, type Upload } from '../AttachmentPicker';
import { fieldErrors, FormError } from '../form';
import { RichEditor } from '../RichEditor';
import { DirectionToggle, type TextDirection } from './DirectionToggle';

export interface ReplyInput {
  body: string;
  attachmentIds: string[];
  direction: TextDirection;
}

interface Props {
  /** Sends the reply; the form clears when it resolves and keeps its content when it rejects. */
  onSend: (input: ReplyInput) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  /** Attachments are offered only when set (guests may have them turned off). */
  attachments?: { maxMb: number; max: number; uploadOperation: 'uploadFile' | 'uploadGuestFile' };
  submitTestId?: string;
}

/** The reply form under a thread: rich text, direction, attachments. */
export function ReplyComposer({ onSend, pending, error, attachments, submitTestId = 'ticket-reply-submit' }: Props) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);
  const [direction, setDirection] = useState<TextDirection>('auto');
  const errs = fieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await onSend({ body, attachmentIds: uploads.map((u) => u.id), direction });
      setBody('');
      setUploads([]);
    } catch {
      /* the error is shown from the `error` prop */
    }
  }

  return (
    <Box component="form" onSubmit={(e) => void submit(e)} noValidate>
      <FormError error={error} shown={['body', 'attachmentIds']} />
      <Stack spacing={1.5}>
        <RichEditor
          label={t('thread.reply.label')}
          value={body}
          onChange={setBody}
          dir={direction}
          minHeight={120}
          {...errs.field('body')}
        />
        <DirectionToggle value={direction} onChange={setDirection} />
        {attachments && (
          <AttachmentPicker
            value={uploads}
            onChange={setUploads}
            max={attachments.max}
            maxMb={attachments.maxMb}
            uploadOperation={attachments.uploadOperation}
            onBusyChange={setBusy}
            error={errs.fields.attachmentIds}
          />
        )}
        <Box>
          <Button
            type="submit"
            variant="contained"
            startIcon={<Send />}
            disabled={pending || busy || !body}
            data-testid={submitTestId}
          >
            {pending ? t('thread.reply.sending') : t('thread.reply.send')}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
