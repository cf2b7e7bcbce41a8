/**
 * Roving tab index: a list is one Tab stop; the arrow keys (and Home/End) move within it.
 * `nextRovingIndex` is the policy; `useRovingList` wires it to a container of `[data-roving-item]`s.
 */
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';

const FORWARD = new Set(['ArrowDown', 'ArrowRight']);
const BACK = new Set(['ArrowUp', 'ArrowLeft']);

/** Where `key` moves from `current` among `count` items, skipping disabled ones; null when it does not move. */
export function nextRovingIndex(current: number, key: string, count: number, enabled: (i: number) => boolean = () => true): number | null {
  const scan = (from: number, step: 1 | -1): number | null => {
    for (let i = from; i >= 0 && i < count; i += step) if (enabled(i)) return i;
    return null;
  };
  let next: number | null = null;
  if (FORWARD.has(key)) next = scan(current + 1, 1);
  else if (BACK.has(key)) next = scan(current - 1, -1);
  else if (key === 'Home') next = scan(0, 1);
  else if (key === 'End') next = scan(count - 1, -1);
  return next === current ? null : next;
}

/** The item that holds the list's one Tab stop: `active` when it may be focused, else the first that may. */
export function rovingStop(active: number, count: number, enabled: (i: number) => boolean = () => true): number {
  if (active >= 0 && active < count && enabled(active)) return active;
  for (let i = 0; i < count; i++) if (enabled(i)) return i;
  return -1;
}

/**
 * A list of `count` rows moved through by the up and down arrows (Home, End). Spread `listProps` on the container and
 * `itemProps(i)` on each item; controls inside an item that is not the Tab stop take `tabIndex={inner(i)}`.
 */
export function useRovingList(count: number) {
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLElement | null>(null);
  const stop = rovingStop(active, count);
  const onKeyDownCapture = useCallback((e: KeyboardEvent) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>('[data-roving-item]') ?? []);
    const from = items.findIndex((el) => el.contains(e.target as Node));
    // Rows go up and down; left and right stay with the controls inside a row.
    if (from < 0 || e.key === 'ArrowLeft' || e.key === 'ArrowRight') return;
    const to = nextRovingIndex(from, e.key, items.length);
    if (to === null) return;
    e.preventDefault();
    e.stopPropagation();
    setActive(to);
    items[to]?.focus();
  }, []);
  return {
    listProps: { ref: (el: HTMLElement | null) => { ref.current = el; }, onKeyDownCapture },
    itemProps: (i: number) => ({ tabIndex: i === stop ? 0 : -1, 'data-roving-item': true, onFocus: () => setActive(i) }),
    inner: (i: number) => (i === stop ? 0 : -1),
  };
}
