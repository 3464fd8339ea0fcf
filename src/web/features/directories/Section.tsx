import type { ReactNode } from 'react';
import { Paper, Stack, Typography } from '@mui/material';
import type { fieldErrors } from '../../ui/form';
import type { DirectoryForm } from './directory-form';

/** What every part of the editor is given: the form, a setter of some of its fields, the server's field errors. */
export interface PartProps {
  form: DirectoryForm;
  set: (patch: Partial<DirectoryForm>) => void;
  fe: ReturnType<typeof fieldErrors>;
}

/**
 * What the inputs of DNs, URLs, filters, attribute names and PEM take besides `dir: 'ltr'`
 * (written out at each input, where the bidi check looks for it): no spelling marks, no capitals.
 */
export const plainInput = { htmlInput: { spellCheck: false, autoCapitalize: 'off' } } as const;

/** One titled part of the directory editor (a level-2 heading under the page's title). */
export function Section({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={`directory-${id}`}
      data-testid={`directory-section-${id}`}
      sx={{ p: { xs: 1.5, sm: 2 } }}
    >
      <Typography variant="h6" component="h2" id={`directory-${id}`}>
        {title}
      </Typography>
      {hint && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {hint}
        </Typography>
      )}
      <Stack spacing={2} sx={{ mt: 2 }}>
        {children}
      </Stack>
    </Paper>
  );
}
