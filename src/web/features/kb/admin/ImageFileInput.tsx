import type { Ref } from 'react';
import { IMAGE_TYPES } from './api';

/**
 * The hidden file input behind an "upload image" button (a group's picture, an image in an
 * article): images only; the same file may be picked again (the value is cleared after each pick).
 */
export function ImageFileInput({
  ref,
  onFile,
  testId,
}: {
  ref: Ref<HTMLInputElement>;
  onFile: (file: File | undefined) => void;
  testId: string;
}) {
  return (
    <input
      ref={ref}
      hidden
      type="file"
      accept={IMAGE_TYPES.join(',')}
      onChange={(e) => {
        onFile(e.target.files?.[0]);
        e.target.value = '';
      }}
      data-testid={testId}
    />
  );
}
