import { Box, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/DateField';
import { NumberField } from '../../ui/NumberField';
import { PRIORITIES, PriorityFlag } from '../../ui/ticket-bits';
import { autoDirInput, UserText } from '../../ui/UserText';
import { orgUnitTree } from '../admin/lookups';
import { MoneyField } from './MoneyField';
import type { Field, OrgUnit } from './queries';

interface Props {
  field: Field;
  value: string;
  onChange: (value: string) => void;
  /** The server's message for this field (`fields["values.<key>"]`). */
  error?: string;
  units: OrgUnit[];
}

/**
 * One input of a request form, by the field's kind: its label (with the required mark), its help
 * text under it — replaced by the server's error when there is one — and a test id by its key.
 */
export function RequestField({ field, value, onChange, error, units }: Props) {
  const { t } = useTranslation();
  const common = {
    fullWidth: true,
    label: field.label,
    required: field.required,
    error: !!error,
    helperText: error ?? (field.help || undefined),
    id: `field-${field.key}`,
  };
  const testId = { 'data-testid': `request-field-${field.key}` };

  switch (field.kind) {
    case 'longtext':
      return (
        <TextField
          {...common}
          multiline
          minRows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          slotProps={{ htmlInput: { ...autoDirInput, maxLength: 10_000, ...testId } }}
        />
      );
    case 'number':
      return <NumberField {...common} decimal value={value} onChange={onChange} slotProps={{ htmlInput: testId }} />;
    case 'money':
      return <MoneyField {...common} value={value} onChange={onChange} slotProps={{ htmlInput: testId }} />;
    case 'phone':
    case 'mobile':
    case 'email':
      return (
        <TextField
          {...common}
          type={field.kind === 'email' ? 'email' : 'tel'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          slotProps={{
            htmlInput: {
              dir: 'ltr',
              inputMode: field.kind === 'email' ? 'email' : 'tel',
              autoComplete: field.kind === 'email' ? 'email' : 'tel',
              maxLength: field.kind === 'email' ? 254 : 20,
              ...testId,
            },
          }}
        />
      );
    case 'select':
      return (
        <TextField
          {...common}
          select
          value={value}
          onChange={(e) => onChange(e.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          data-testid={testId['data-testid']}
        >
          <MenuItem value="">
            <em>{t('catalogue.form.choose')}</em>
          </MenuItem>
          {(field.options ?? []).map((o) => (
            <MenuItem key={o} value={o}>
              <UserText>{o}</UserText>
            </MenuItem>
          ))}
        </TextField>
      );
    case 'orgUnit':
      return (
        <TextField
          {...common}
          select
          value={value}
          onChange={(e) => onChange(e.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          data-testid={testId['data-testid']}
        >
          <MenuItem value="">
            <em>{t('catalogue.form.choose')}</em>
          </MenuItem>
          {orgUnitTree(units.filter((u) => u.active || u.id === value)).map((u) => (
            <MenuItem key={u.id} value={u.id} sx={{ paddingInlineStart: 2 + u.depth * 2 }}>
              <UserText>{u.name}</UserText>
            </MenuItem>
          ))}
        </TextField>
      );
    case 'date':
      return (
        <Box data-testid={testId['data-testid']}>
          <DateField
            label={field.required ? `${field.label} *` : field.label}
            value={value || null}
            onChange={(v) => onChange(v ?? '')}
            error={!!error}
            helperText={common.helperText}
            size="medium"
          />
        </Box>
      );
    case 'priority':
      return (
        <TextField
          {...common}
          select
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId['data-testid']}
        >
          {PRIORITIES.map((p) => (
            <MenuItem key={p} value={p}>
              <Stack direction="row" spacing={1} alignItems="center">
                <PriorityFlag priority={p} />
                <span>{t(`priority.${p}`)}</span>
              </Stack>
            </MenuItem>
          ))}
        </TextField>
      );
    default:
      return (
        <TextField
          {...common}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          slotProps={{ htmlInput: { ...autoDirInput, maxLength: 2000, ...testId } }}
        />
      );
  }
}
