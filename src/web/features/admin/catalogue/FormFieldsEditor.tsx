import { useState } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { FormFieldCard } from './FormFieldCard';
import { move, newField, type FieldDraft } from './model';

/** E1: the form a requester fills in for a request type — fields added, removed and put in order. */
export function FormFieldsEditor({
  fields,
  onChange,
  errors,
  listError,
}: {
  fields: FieldDraft[];
  onChange: (fields: FieldDraft[]) => void;
  /** Messages about single fields, by their uid. */
  errors: Record<string, Record<string, string>>;
  /** A message about the list as a whole. */
  listError?: string;
}) {
  const { t } = useTranslation();
  // The field just added takes the focus (its label comes first).
  const [fresh, setFresh] = useState<string | null>(null);
  const add = () => {
    // A new field gets a key not in use yet (field_3), for the admin to change.
    let n = fields.length + 1;
    while (fields.some((f) => f.key === `field_${n}`)) n++;
    const field = newField(n);
    setFresh(field.uid);
    onChange([...fields, field]);
  };
  return (
    <Stack spacing={1.5}>
      {listError && (
        <Typography variant="body2" color="error" role="alert">
          {listError}
        </Typography>
      )}
      {fields.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="fields-empty">
          {t('admin.catalogue.noFields')}
        </Typography>
      ) : (
        <Box
          component="ol"
          aria-label={t('admin.catalogue.fieldsTitle')}
          sx={{ m: 0, p: 0, display: 'grid', gap: 1.5 }}
        >
          {fields.map((f, i) => (
            <FormFieldCard
              key={f.uid}
              field={f}
              index={i}
              count={fields.length}
              autoFocus={f.uid === fresh}
              errors={errors[f.uid]}
              onChange={(next) => onChange(fields.map((x) => (x.uid === f.uid ? next : x)))}
              onMove={(by) => onChange(move(fields, i, by))}
              onRemove={() => onChange(fields.filter((x) => x.uid !== f.uid))}
            />
          ))}
        </Box>
      )}
      <Box>
        <Button variant="outlined" startIcon={<Add />} onClick={add} data-testid="field-add">
          {t('admin.catalogue.addField')}
        </Button>
      </Box>
    </Stack>
  );
}
