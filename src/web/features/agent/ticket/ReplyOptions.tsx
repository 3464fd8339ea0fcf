import { Box, Checkbox, FormControlLabel, Grid, MenuItem, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../app/api';
import { AttachmentPicker } from '../../../ui/AttachmentPicker';
import { STATUSES } from '../../../ui/ticket-bits';
import type { fieldErrors } from '../../../ui/form';
import { EmailChips } from './EmailChips';
import type { TStatus } from './types';

export interface ReplyOptionValues {
  statusAfter: TStatus;
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

/** What goes with a reply: status after it (C9), copies (C15), signature (A9) and files (C6). */
export function ReplyOptions({ kind, value, onChange, signatureText, maxMb, maxFiles, onBusyChange, errors }: Props) {
  const { t } = useTranslation();
  const reply = kind === 'reply';
  return (
    <Box sx={{ mt: 2 }}>
      <Grid container spacing={2}>
        {reply && (
          <Grid size={{ xs: 12, sm: 4 }}>
            <TextField
              select
              fullWidth
              size="small"
              label={t('ticket.statusAfter')}
              value={value.statusAfter}
              onChange={(e) => onChange({ statusAfter: e.target.value as TStatus })}
              {...errors.field('statusAfter')}
              slotProps={{
                select: {
                  SelectDisplayProps: { 'data-testid': 'reply-status-after' } as React.HTMLAttributes<HTMLDivElement>,
                },
              }}
            >
              {STATUSES.map((s) => (
                <MenuItem key={s} value={s}>
                  {t(`status.${s}`)}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        )}
        {reply && (
          <>
            <Grid size={{ xs: 12, sm: 4 }}>
              <EmailChips
                label={t('ticket.cc')}
                value={value.cc}
                onChange={(cc) => onChange({ cc })}
                error={firstError(errors, 'cc')}
                testId="reply-cc"
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
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
