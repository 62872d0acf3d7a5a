import { useEffect, useRef } from 'react';

export type ShortcutKey = ' ' | 'j' | 'k' | 'l' | ',' | '.' | 'i' | 'o' | '1' | '2' | 'a' | 's' | 'n' | '?';

/** True when the key press belongs to something the coach is typing into (or a dialog). */
export const isTypingTarget = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // Dialogs and open menus/lists take their own keys (type-ahead, Escape, Enter).
  if (target.closest('[role=dialog],[role=listbox],[role=menu]')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(type);
  }
  return false;
};

/** Space, J/K/L, 1/2 (slow motion), , . and I/O for the video; A/S/N to decide and move on; ? for help. Off while typing in a field. */
export const useShortcuts = (handlers: Partial<Record<ShortcutKey, () => void>>, enabled = true) => {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target)) return;
      const key = (event.key.length === 1 ? event.key.toLowerCase() : event.key) as ShortcutKey;
      const handler = ref.current[key];
      if (!handler) return;
      // Space on a focused button would also click it; the shortcut wins.
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
};
