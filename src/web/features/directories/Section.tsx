import type { ReactNode } from 'react';
import { Stack } from '@mui/material';
import { EditorSection } from '../admin/catalogue/EditorSection';
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

/** One titled part of the directory editor: the editors' section, its fields one under another. */
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
    <EditorSection idPrefix="directory" id={id} title={title} hint={hint}>
      <Stack spacing={2}>{children}</Stack>
    </EditorSection>
  );
}
