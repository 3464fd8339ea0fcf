import { Box, IconButton, MenuItem, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { autoDirInput, isolate } from '../../../ui/UserText';
import { LabelledSwitch } from '../LabelledSwitch';
import { pick, shownError } from './errors';
import { FIELD_KINDS, type FieldDraft } from './model';

/** One field of a request type's form: its label, key, kind, a select's options, required, help text. */
export function FormFieldCard({
  field,
  index,
  count,
  autoFocus,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  field: FieldDraft;
  index: number;
  count: number;
  autoFocus?: boolean;
  errors: Record<string, string> | undefined;
  onChange: (next: FieldDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const set = <K extends keyof FieldDraft>(k: K, v: FieldDraft[K]) => onChange({ ...field, [k]: v });
  const title = t('admin.catalogue.fieldN', { n: f.number(index + 1) });
  const name = field.label.trim() || title;
  const id = `field-${index}`;
  const whole = errors?.[''];
  return (
    <Paper
      variant="outlined"
      component="li"
      aria-labelledby={`${id}-title`}
      data-testid={id}
      sx={{ p: { xs: 1.5, sm: 2 }, listStyle: 'none', borderColor: whole ? 'error.main' : undefined }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="subtitle2" component="h3" id={`${id}-title`} sx={{ flexGrow: 1 }}>
          {title}
        </Typography>
        <Tooltip title={t('admin.catalogue.moveUp', { name })}>
          <span>
            <IconButton
              size="small"
              aria-label={t('admin.catalogue.moveUp', { name })}
              disabled={index === 0}
              onClick={() => onMove(-1)}
              data-testid={`${id}-up`}
            >
              <ArrowUpward fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={t('admin.catalogue.moveDown', { name })}>
          <span>
            <IconButton
              size="small"
              aria-label={t('admin.catalogue.moveDown', { name })}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              data-testid={`${id}-down`}
            >
              <ArrowDownward fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={t('admin.catalogue.removeField', { name })}>
          <IconButton
            size="small"
            aria-label={t('admin.catalogue.removeField', { name })}
            onClick={onRemove}
            data-testid={`${id}-remove`}
          >
            <DeleteOutline fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      {whole && (
        <Typography variant="body2" color="error" role="alert" sx={{ mb: 1.5 }}>
          {whole}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, minmax(0, 1fr))' } }}>
        <TextField
          required
          autoFocus={autoFocus}
          size="small"
          label={t('admin.catalogue.fieldLabel')}
          value={field.label}
          onChange={(e) => set('label', e.target.value)}
          {...shownError(pick(errors, 'label'))}
          slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120, 'data-testid': `${id}-label` } }}
        />
        <TextField
          required
          size="small"
          label={t('admin.catalogue.fieldKey')}
          value={field.key}
          onChange={(e) => set('key', e.target.value)}
          {...shownError(
            pick(errors, 'key'),
            t('admin.catalogue.fieldKeyHint', { token: isolate(`{{${field.key || 'key'}}}`) }),
          )}
          slotProps={{
            htmlInput: {
              dir: 'ltr',
              maxLength: 40,
              spellCheck: false,
              autoComplete: 'off',
              'data-testid': `${id}-key`,
            },
          }}
        />
        <TextField
          select
          size="small"
          label={t('admin.catalogue.fieldKind')}
          value={field.kind}
          onChange={(e) => set('kind', e.target.value as FieldDraft['kind'])}
          {...shownError(pick(errors, 'kind'))}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': `${id}-kind` } as object } }}
        >
          {FIELD_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {t(`admin.catalogue.kind.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        {field.kind === 'select' && (
          <TextField
            multiline
            minRows={3}
            required
            size="small"
            label={t('admin.catalogue.fieldOptions')}
            value={field.optionsText}
            onChange={(e) => set('optionsText', e.target.value)}
            {...shownError(pick(errors, 'options'), t('admin.catalogue.fieldOptionsHint'))}
            slotProps={{ htmlInput: { ...autoDirInput, 'data-testid': `${id}-options` } }}
            sx={{ gridColumn: '1 / -1' }}
          />
        )}
        <TextField
          size="small"
          label={t('admin.catalogue.fieldHelp')}
          value={field.help}
          onChange={(e) => set('help', e.target.value)}
          {...shownError(pick(errors, 'help'), t('admin.catalogue.fieldHelpHint'))}
          slotProps={{ htmlInput: { ...autoDirInput, maxLength: 500, 'data-testid': `${id}-help` } }}
          sx={{ gridColumn: { sm: '1 / 3' } }}
        />
        <LabelledSwitch
          label={t('admin.catalogue.fieldRequired')}
          checked={field.required}
          onChange={(v) => set('required', v)}
          error={pick(errors, 'required')}
          testId={`${id}-required`}
        />
      </Box>
    </Paper>
  );
}
