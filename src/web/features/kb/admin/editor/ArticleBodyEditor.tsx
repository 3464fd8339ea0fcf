import { lazy, Suspense } from 'react';
import { Skeleton } from '@mui/material';

export interface ArticleBodyEditorProps {
  /** HTML; '' when empty. */
  value: string;
  onChange: (html: string) => void;
  /** The accessible name of the editing area, shown above it. */
  label: string;
  /** The article's direction (its language); single blocks may turn the other way. */
  dir: 'rtl' | 'ltr';
  error?: boolean;
  helperText?: string;
  /** Shows the article without a toolbar, for agents who may read but not write. */
  readOnly?: boolean;
  /** The given value as the editor writes it back (so later changes are compared with like). */
  onNormalised?: (html: string) => void;
}

const Tiptap = lazy(() => import('./ArticleTiptap'));

/**
 * The article editor (H2): TipTap with headings, lists, tables, links, code, images, font family
 * and size and a direction per block, and an advanced, full-screen mode (Ctrl+Shift+F). Its own
 * chunk, loaded when first shown, like the ticket editor (ui/RichEditor.tsx).
 */
export function ArticleBodyEditor(props: ArticleBodyEditorProps) {
  return (
    <Suspense fallback={<Skeleton variant="rounded" height={props.readOnly ? 200 : 380} />}>
      <Tiptap {...props} />
    </Suspense>
  );
}
