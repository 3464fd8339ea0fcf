import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../app/api';
import { usePublicSettings } from '../../app/session';
import { AttachmentPicker, type Upload } from '../../ui/AttachmentPicker';
import { FormError } from '../../ui/form';
import { autoDirInput } from '../../ui/UserText';
import { commentHtml } from './comment-html';

export interface AvailableTransition {
  id: string;
  name: string;
  to: string;
  needsComment: boolean;
  needsAttachment: boolean;
}

/**
 * E2: taking one step of a request's workflow — a comment (required when the step needs one)
 * and files (required when it needs an attachment); the server's refusal is shown by its field.
 * The ticket is refreshed from the answer.
 */
export function TransitionDialog({
  ticketRef,
  number,
  transition,
  onClose,
}: {
  /** The ticket's key (or number) for the API. */
  ticketRef: string | number;
  /** The ticket's number, the key of its cached queries. */
  number: number;
  transition: AvailableTransition;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const qc = useQueryClient();
  const settings = usePublicSettings();
  const [comment, setComment] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);
  const take = useMutation({
    mutationFn: () =>
      call('takeTransition', {
        path: { number: ticketRef, transitionId: transition.id },
        body: {
          comment: comment.trim() ? commentHtml(comment) : undefined,
          attachmentIds: uploads.map((u) => u.id),
        },
      }),
    onSuccess: (ticket) => {
      qc.setQueryData(['ticket', number], ticket);
      void qc.invalidateQueries({ queryKey: ['ticket', number] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      onClose();
    },
  });
  const fields = take.error instanceof ApiError ? take.error.fields : {};
  const limits = settings.data?.limits;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!take.isPending && !busy) take.mutate();
  }

  return (
    <Dialog
      open
      onClose={take.isPending ? undefined : onClose}
      fullScreen={phone}
      fullWidth
      maxWidth="sm"
      aria-labelledby="transition-dialog-title"
      data-testid="transition-dialog"
    >
      <DialogTitle id="transition-dialog-title">
        <bdi dir="auto">{transition.name}</bdi>
      </DialogTitle>
      <DialogContent dividers>
        <Stack component="form" id="transition-form" spacing={2} noValidate onSubmit={submit}>
          <FormError error={take.error} shown={['comment', 'attachmentIds']} />
          {(transition.needsComment || transition.needsAttachment) && (
            <Alert severity="info">
              {[
                transition.needsComment && t('catalogue.transition.needsComment'),
                transition.needsAttachment && t('catalogue.transition.needsAttachment'),
              ]
                .filter(Boolean)
                .join(' ')}
            </Alert>
          )}
          <TextField
            autoFocus={!phone}
            multiline
            minRows={3}
            fullWidth
            required={transition.needsComment}
            label={t('catalogue.transition.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            error={!!fields.comment}
            helperText={fields.comment}
            slotProps={{ htmlInput: { ...autoDirInput, maxLength: 20_000, 'data-testid': 'transition-comment' } }}
          />
          <AttachmentPicker
            value={uploads}
            onChange={setUploads}
            max={Math.min(3, limits?.attachmentsPerMessage ?? 3)}
            maxMb={limits?.memberMaxUploadMb ?? 5}
            onBusyChange={setBusy}
            error={fields.attachmentIds}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={take.isPending} data-testid="transition-cancel">
          {t('common.cancel')}
        </Button>
        <Button
          type="submit"
          form="transition-form"
          variant="contained"
          loading={take.isPending}
          disabled={busy}
          data-testid="transition-submit"
        >
          {t('catalogue.transition.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
