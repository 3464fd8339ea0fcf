import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  next: () => void;
  prev: () => void;
  reply: () => void;
  note: () => void;
  help: () => void;
  /** Escape while writing: leave the editor. */
  leave: () => void;
}

function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.getAttribute('role') === 'combobox';
}

/**
 * Whether a dialog, menu or list box of `selector` is open. One that is closing does not count:
 * MUI keeps it in the page, marked aria-hidden, until its exit animation ends (a quarter of a
 * second), and a key pressed then is meant for the page.
 */
function overlayOpen(selector: string): boolean {
  return [...document.querySelectorAll(selector)].some((el) => !el.closest('[aria-hidden="true"]'));
}

/**
 * Single-key shortcuts of the ticket page. They never fire while the person types or while a
 * dialog or menu is open, so they cannot eat a letter meant for a field.
 */
export function useTicketShortcuts(handlers: ShortcutHandlers, editorRoot: () => HTMLElement | null) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    // Capture phase: the editor handles (and swallows) Escape before it would bubble to window.
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const root = editorRoot();
      if (
        root &&
        e.target instanceof Node &&
        root.contains(e.target) &&
        !overlayOpen('[role="dialog"], [role="listbox"]')
      ) {
        e.preventDefault();
        ref.current.leave();
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.key === 'Escape') return;
      if (isTyping(e.target) || overlayOpen('[role="dialog"], [role="menu"], [role="listbox"]')) return;
      // Physical keys, so the shortcuts also work with the Persian keyboard layout.
      const byCode = {
        KeyJ: 'next',
        BracketRight: 'next',
        KeyK: 'prev',
        BracketLeft: 'prev',
        KeyR: 'reply',
        KeyN: 'note',
      } as const;
      const help = e.key === '?' || e.key === '\u061F' || (e.shiftKey && e.code === 'Slash');
      const action = help ? 'help' : e.shiftKey ? undefined : byCode[e.code as keyof typeof byCode];
      if (!action) return;
      e.preventDefault();
      ref.current[action]();
    };
    window.addEventListener('keydown', onEscape, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onEscape, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [editorRoot]);
}
