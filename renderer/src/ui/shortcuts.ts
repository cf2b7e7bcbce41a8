/**
 * The keyboard shortcuts of each workspace's main actions, in one place: the key a hook listens
 * for (Mantine's useHotkeys notation) and the label the button shows beside its text.
 */
export const SHORTCUTS = {
  /** Anywhere: the patient finder. */
  find: 'mod+K',
  /** Front desk, a patient chosen: register the walk-in (现场挂号), book (预约), edit the card. */
  walkIn: 'F3',
  book: 'F4',
  /** Front desk, nobody chosen: register a new patient. */
  register: 'F6',
  /** Doctor: call the next patient, end the consultation in the room. */
  callNext: 'F3',
  finishVisit: 'F8',
} as const;

export type ShortcutName = keyof typeof SHORTCUTS;

/** "mod+K" → "Ctrl K" (⌘ on a Mac), "F3" → "F3": the text of the key cap. */
export function keyLabel(hotkey: string, mac = false): string {
  return hotkey.split('+').map((part) => {
    const p = part.toLowerCase();
    if (p === 'mod') return mac ? '⌘' : 'Ctrl';
    if (p === 'ctrl') return 'Ctrl';
    if (p === 'alt') return mac ? '⌥' : 'Alt';
    if (p === 'shift') return 'Shift';
    return part.length === 1 ? part.toUpperCase() : part;
  }).join(' ');
}

/** The same key in the aria-keyshortcuts notation ("Control+K", "F3"). */
export function ariaKeys(hotkey: string, mac = false): string {
  return hotkey.split('+').map((part) => {
    const p = part.toLowerCase();
    if (p === 'mod') return mac ? 'Meta' : 'Control';
    if (p === 'ctrl') return 'Control';
    if (p === 'alt') return 'Alt';
    if (p === 'shift') return 'Shift';
    return part.length === 1 ? part.toUpperCase() : part;
  }).join('+');
}
