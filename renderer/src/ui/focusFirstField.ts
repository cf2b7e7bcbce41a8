/**
 * Focus the first field inside `root`: a dialog whose content arrives after it opened (the focus
 * trap ran on an empty frame) calls this once the content is there. A radio group counts by its
 * checked radio, as Tab would reach it.
 */
const FIELD = 'input[type="radio"]:checked, input:not([type="radio"]):not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled])';

export function focusFirstField(root: HTMLElement | null): void {
  root?.querySelector<HTMLElement>(FIELD)?.focus();
}
