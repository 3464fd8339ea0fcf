import { useCallback, useRef, useState, type ReactElement } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * What the fields inside `root` hold now: values, check marks, rich text and chips (the values of
 * multiple pickers), in document order. Two equal strings mean nothing was changed.
 */
function fieldState(root: HTMLElement): string {
  const parts: string[] = [];
  for (const el of root.querySelectorAll<HTMLElement>(
    'input, textarea, select, [contenteditable="true"], .MuiChip-label',
  )) {
    if (el instanceof HTMLInputElement)
      parts.push(el.type === 'checkbox' || el.type === 'radio' ? String(el.checked) : el.value);
    else if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) parts.push(el.value);
    else if (el.isContentEditable) parts.push(el.innerHTML);
    else parts.push(el.textContent ?? '');
  }
  return parts.join('\u0000');
}

export interface DiscardGuardOptions {
  /**
   * Whether the form holds changes. Left out, the guard compares the fields inside the element
   * given `watch` with how they were just before the person first pressed a key or a pointer in
   * it (so data that loads after the dialog opens never counts as a change).
   */
  dirty?: boolean;
}

/**
 * Asks before a form dialog throws away what was typed. Use `requestClose` for everything that
 * would close without saving (the dialog's onClose — Esc and a click outside — and Cancel), and
 * render `confirm`. Unchanged, it closes at once; changed, "discard your changes?" asks first.
 * A successful save calls the real close directly.
 */
export function useDiscardGuard(close: () => void, { dirty }: DiscardGuardOptions = {}) {
  const [asking, setAsking] = useState(false);
  const root = useRef<HTMLElement | null>(null);
  const before = useRef<string | null>(null);
  const remember = useCallback(() => {
    if (before.current === null && root.current) before.current = fieldState(root.current);
  }, []);
  const changed = () =>
    dirty ?? (before.current !== null && !!root.current && fieldState(root.current) !== before.current);

  const requestClose = () => {
    if (changed()) setAsking(true);
    else close();
  };
  const confirm: ReactElement | null = asking ? (
    <DiscardDialog
      onKeep={() => setAsking(false)}
      onDiscard={() => {
        setAsking(false);
        before.current = null;
        close();
      }}
    />
  ) : null;
  // Stable, so React calls it with null only when the form goes (a closed dialog): reopened,
  // it starts from a fresh picture.
  // Text put in without a key press (pasted from a menu, dictated, dropped) announces itself with
  // beforeinput, still before the change.
  const ref = useCallback(
    (el: HTMLElement | null) => {
      root.current?.removeEventListener('beforeinput', remember, true);
      root.current = el;
      if (el) el.addEventListener('beforeinput', remember, true);
      else before.current = null;
    },
    [remember],
  );
  const watch = { ref, onPointerDownCapture: remember, onKeyDownCapture: remember };
  return { requestClose, confirm, watch, changed };
}

/** "Discard your changes?" — keeping is the default (focused, and what Esc does). */
export function DiscardDialog({
  onKeep,
  onDiscard,
  title,
  text,
  keepLabel,
  discardLabel,
}: {
  onKeep: () => void;
  onDiscard: () => void;
  title?: string;
  text?: string;
  keepLabel?: string;
  discardLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open
      onClose={onKeep}
      maxWidth="xs"
      fullWidth
      aria-labelledby="discard-title"
      aria-describedby="discard-text"
      data-testid="discard-dialog"
    >
      <DialogTitle id="discard-title">{title ?? t('discard.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="discard-text">{text ?? t('discard.text')}</DialogContentText>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button onClick={onKeep} autoFocus data-testid="discard-keep">
          {keepLabel ?? t('discard.keep')}
        </Button>
        <Button onClick={onDiscard} color="error" variant="contained" data-testid="discard-confirm">
          {discardLabel ?? t('discard.discard')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
