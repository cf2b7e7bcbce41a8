import { Kbd } from '@mantine/core';
import { keyLabel, SHORTCUTS, type ShortcutName } from './shortcuts';

/** The key cap shown beside a button's text (the button itself says `aria-keyshortcuts`). */
export function Shortcut({ name }: { name: ShortcutName }) {
  return <Kbd size="xs" data-testid={`shortcut-${name}`}>{keyLabel(SHORTCUTS[name])}</Kbd>;
}
