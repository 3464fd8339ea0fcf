import { Box, Checkbox, FormControlLabel, Grid, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../app/api';
import { AttachmentPicker } from '../../../ui/AttachmentPicker';
import type { fieldErrors } from '../../../ui/form';
import { EmailChips } from './EmailChips';

export interface ReplyOptionValues {
  cc: string[];
  bcc: string[];
  signature: boolean;
  attachments: ResponseOf<'uploadFile'>[];
}

interface Props {
  kind: 'reply' | 'note';
  value: ReplyOptionValues;
  onChange: (patch: Partial<ReplyOptionValues>) => void;
  signatureText: string;
  maxMb: number;
  maxFiles: number;
  onBusyChange: (busy: boolean) => void;
  errors: ReturnType<typeof fieldErrors>;
}

const firstError = (errors: Props['errors'], name: string) =>
  Object.entries(errors.fields).find(([k]) => k === name || k.startsWith(`${name}.`))?.[1];

/** What goes with a reply: copies (C15), signature (A9) and files (C6); the status after it is chosen by the send button (C9). */
export function ReplyOptions({ kind, value, onChange, signatureText, maxMb, maxFiles, onBusyChange, errors }: Props) {
  const { t } = useTranslation();
  const reply = kind === 'reply';
  return (
    <Box sx={{ mt: 2 }}>
      <Grid container spacing={2}>
        {reply && (
          <>
            <Grid size={{ xs: 12, sm: 6 }}>
              <EmailChips
                label={t('ticket.cc')}
                value={value.cc}
                onChange={(cc) => onChange({ cc })}
                error={firstError(errors, 'cc')}
                testId="reply-cc"
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <EmailChips
                label={t('ticket.bcc')}
                value={value.bcc}
                onChange={(bcc) => onChange({ bcc })}
                error={firstError(errors, 'bcc')}
                testId="reply-bcc"
              />
            </Grid>
          </>
        )}
      </Grid>
      {reply && (
        <Box sx={{ mt: 1 }}>
          <FormControlLabel
            control={
              <Checkbox
                checked={value.signature && !!signatureText}
                disabled={!signatureText}
                onChange={(e) => onChange({ signature: e.target.checked })}
                data-testid="reply-signature"
              />
            }
            label={signatureText ? t('ticket.addSignature') : t('ticket.noSignature')}
          />
          {signatureText && value.signature && (
            <Typography
              variant="body2"
              color="text.secondary"
              dir="auto"
              aria-label={t('ticket.signaturePreview')}
              sx={{
                whiteSpace: 'pre-line',
                borderInlineStart: (th) => `3px solid ${th.palette.divider}`,
                paddingInlineStart: 1.5,
                marginInlineStart: 1,
              }}
            >
              {signatureText}
            </Typography>
          )}
        </Box>
      )}
      <Box sx={{ mt: 1.5 }}>
        <AttachmentPicker
          value={value.attachments}
          onChange={(attachments) => onChange({ attachments })}
          max={maxFiles}
          maxMb={maxMb}
          onBusyChange={onBusyChange}
          error={firstError(errors, 'attachmentIds')}
        />
      </Box>
    </Box>
  );
}
