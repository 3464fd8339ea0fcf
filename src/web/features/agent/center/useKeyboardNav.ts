import { useEffect, useRef, type RefObject } from 'react';

interface Options {
  count: number;
  focusIndex: number;
  setFocusIndex: (i: number) => void;
  linkRefs: RefObject<Array<HTMLAnchorElement | null>>;
  container: RefObject<HTMLElement | null>;
  open: (i: number) => void;
  toggle: (i: number) => void;
  focusSearch: () => void;
  showHelp: () => void;
}

/** The single-key shortcuts by physical key (KeyboardEvent.code), whatever the keyboard layout. */
const LETTERS: Partial<Record<string, 'next' | 'previous' | 'select' | 'search'>> = {
  KeyJ: 'next',
  KeyK: 'previous',
  KeyX: 'select',
  Slash: 'search',
};

/** Keys typed into a field (or a menu, a dialog) belong to it, not to the list. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button'].includes(target.type);
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return !!target.closest('[role="dialog"],[role="listbox"],[role="menu"],[role="combobox"]');
}

/**
 * The list's keyboard shortcuts: j/k (and ↓/↑ inside the list) move the real focus from row
 * to row, Enter opens, x selects, / searches, ? lists them.
 */
export function useKeyboardNav(o: Options) {
  const opts = useRef(o);
  opts.current = o;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const { count, focusIndex, setFocusIndex, linkRefs, container, open, toggle, focusSearch, showHelp } =
        opts.current;
      const inList = e.target instanceof Node && !!container.current?.contains(e.target);
      const move = (delta: number) => {
        if (!count) return;
        const next =
          focusIndex < 0 ? (delta > 0 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, focusIndex + delta));
        setFocusIndex(next);
        const link = linkRefs.current[next];
        link?.focus();
        link?.closest('tr,li')?.scrollIntoView({ block: 'nearest' });
        e.preventDefault();
      };
      // Letters and "/" by their physical key (event.code), so they work in the Persian layout
      // too (where j is «ت», k «ن», x «ط»); Enter and the arrows are the same in every layout.
      const help = e.key === '?' || e.key === '\u061F' || (e.shiftKey && e.code === 'Slash');
      const key = help
        ? 'help'
        : ['ArrowDown', 'ArrowUp', 'Enter'].includes(e.key)
          ? e.key
          : e.shiftKey
            ? undefined
            : LETTERS[e.code];
      switch (key) {
        case 'next':
          return move(1);
        case 'previous':
          return move(-1);
        case 'ArrowDown':
          return inList ? move(1) : undefined;
        case 'ArrowUp':
          return inList ? move(-1) : undefined;
        case 'Enter':
          // A focused link opens by itself; this covers a row highlighted with the mouse.
          if (
            focusIndex >= 0 &&
            !(e.target instanceof HTMLAnchorElement) &&
            !(e.target instanceof HTMLButtonElement) &&
            !(e.target instanceof HTMLInputElement)
          ) {
            e.preventDefault();
            open(focusIndex);
          }
          return;
        case 'select':
          if (focusIndex >= 0) {
            e.preventDefault();
            toggle(focusIndex);
          }
          return;
        case 'search':
          e.preventDefault();
          return focusSearch();
        case 'help':
          e.preventDefault();
          return showHelp();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
