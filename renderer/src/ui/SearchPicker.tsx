import { Paper, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';

/** A search box with its matches under it: ↑↓ to move, Enter to pick (ICD-10 codes, drugs …). */
export function SearchPicker<T>(props: {
  label?: string; placeholder: string; query: string; onQuery: (q: string) => void; items: T[]; keyOf: (t: T) => string;
  render: (t: T) => ReactNode; onPick: (t: T) => void; disabled?: (t: T) => boolean; empty?: string; testId?: string; error?: string | undefined;
}) {
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [props.items]);
  const usable = (i: number) => props.items[i] !== undefined && !(props.disabled?.(props.items[i]!) ?? false);
  const pick = (i: number) => { const item = props.items[i]; if (item !== undefined && usable(i)) props.onPick(item); };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, props.items.length - 1)); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    if (e.key === 'Enter') { e.preventDefault(); pick(active); }
    if (e.key === 'Escape') props.onQuery('');
  };
  return (
    <Stack gap={4} pos="relative">
      <TextInput label={props.label} placeholder={props.placeholder} value={props.query} onKeyDown={onKey} error={props.error}
        onChange={(e) => props.onQuery(e.currentTarget.value)} data-testid={props.testId} />
      {props.query.trim() !== '' && (
        <Paper withBorder shadow="md" p={4} pos="absolute" top="100%" left={0} right={0} style={{ zIndex: 20 }}>
          <ScrollArea.Autosize mah={280}>
            {props.items.length === 0 && props.empty && <Text size="sm" c="dimmed" p="xs">{props.empty}</Text>}
            {props.items.map((item, i) => (
              <UnstyledButton key={props.keyOf(item)} w="100%" p={6} onClick={() => pick(i)} onMouseEnter={() => setActive(i)}
                data-testid={props.testId ? `${props.testId}-option` : undefined}
                style={{ borderRadius: 4, opacity: usable(i) ? 1 : 0.5, background: i === active ? 'var(--mantine-color-teal-light)' : undefined }}>
                {props.render(item)}
              </UnstyledButton>
            ))}
          </ScrollArea.Autosize>
        </Paper>
      )}
    </Stack>
  );
}
