import { useRef } from 'react';
import { Chip, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { autoDirInput, isolate } from '../../../ui/UserText';

/**
 * E5: the text of an SMS to the requester. `{{key}}` stands for the value of the form's field
 * with that key; the keys are offered as chips that put their placeholder where the caret is.
 */
export function SmsTextField({
  value,
  onChange,
  fieldKeys,
  error,
  testId,
}: {
  value: string;
  onChange: (text: string) => void;
  fieldKeys: Array<{ key: string; label: string }>;
  error?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLTextAreaElement | null>(null);
  const insert = (key: string) => {
    const el = input.current;
    const token = `{{${key}}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + token + value.slice(end));
    // The caret goes after the placeholder once the new text is in.
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  };
  return (
    <Stack spacing={1}>
      <TextField
        multiline
        minRows={3}
        required
        size="small"
        label={t('admin.catalogue.smsText')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={!!error}
        helperText={error ?? t('admin.catalogue.smsTextHint', { token: isolate('{{key}}') })}
        inputRef={input}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 600, 'data-testid': testId } }}
      />
      {fieldKeys.length > 0 ? (
        <Stack
          direction="row"
          spacing={0.5}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: 'center' }}
          role="group"
          aria-label={t('admin.catalogue.placeholders')}
        >
          <Typography variant="caption" color="text.secondary" sx={{ marginInlineEnd: 0.5 }}>
            {t('admin.catalogue.placeholders')}
          </Typography>
          {fieldKeys.map((f) => (
            <Tooltip
              key={f.key}
              describeChild
              title={t('admin.catalogue.insertPlaceholder', { name: f.label || f.key })}
            >
              <Chip
                size="small"
                variant="outlined"
                clickable
                onClick={() => insert(f.key)}
                label={<bdi dir="ltr">{`{{${f.key}}}`}</bdi>}
                data-testid={`${testId}-insert-${f.key}`}
              />
            </Tooltip>
          ))}
        </Stack>
      ) : (
        <Typography variant="caption" color="text.secondary">
          {t('admin.catalogue.noPlaceholders')}
        </Typography>
      )}
    </Stack>
  );
}
