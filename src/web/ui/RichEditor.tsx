import { lazy, Suspense, type Ref } from 'react';
import { FormHelperText, FormLabel, Skeleton } from '@mui/material';

export interface RichEditorProps {
  /** HTML; '' when empty. */
  value: string;
  onChange: (html: string) => void;
  /** The accessible name of the editing area (also shown above it unless hideLabel). */
  label: string;
  hideLabel?: boolean;
  dir?: 'rtl' | 'ltr' | 'auto';
  error?: boolean;
  helperText?: string;
  minHeight?: number;
  autoFocus?: boolean;
  id?: string;
  /** Inserting HTML from outside (canned responses): at the cursor, or in place of the "/" typed. */
  handleRef?: Ref<RichEditorHandle>;
  /** Called when "/" is typed at the start of a word (the canned responses' picker). */
  onSlash?: () => void;
}

export interface RichEditorHandle {
  /** Inserts HTML at the cursor; `replaceSlash` drops the "/" that called onSlash first (if still there). */
  insertHtml: (html: string, opts?: { replaceSlash?: boolean }) => void;
  focus: () => void;
}

const Tiptap = lazy(() => import('./rich-editor/TiptapEditor'));

/** The rich text editor (TipTap), split into its own chunk and loaded when first shown. */
export function RichEditor(props: RichEditorProps) {
  return (
    <div>
      {!props.hideLabel && (
        <FormLabel component="div" error={props.error} sx={{ mb: 0.5 }}>
          {props.label}
        </FormLabel>
      )}
      <Suspense fallback={<Skeleton variant="rounded" height={(props.minHeight ?? 160) + 42} />}>
        <Tiptap {...props} />
      </Suspense>
      {props.helperText && <FormHelperText error={props.error}>{props.helperText}</FormHelperText>}
    </div>
  );
}
