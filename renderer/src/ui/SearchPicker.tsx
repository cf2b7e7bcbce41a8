import { Paper, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Room kept between the list and the window's edge (px), and the tallest the list grows. */
const MARGIN = 8;
const MAX_LIST = 280;
const MIN_BELOW = 200;

/**
 * Where the match list fits on screen: below the box, or above it when there is more room there
 * than below and too little below; as tall as fits, at most MAX_LIST.
 */
export function listPlacement(box: { top: number; bottom: number }, viewportHeight: number): { up: boolean; maxHeight: number } {
  const below = viewportHeight - box.bottom - MARGIN;
  const above = box.top - MARGIN;
  const up = below < MIN_BELOW && above > below;
  return { up, maxHeight: Math.max(60, Math.min(MAX_LIST, (up ? above : below) - MARGIN)) };
}

/**
 * A search box with its matches under it (or over it, where the screen ends below): ↑↓ to move,
 * Enter to pick (ICD-10 codes, drugs …). With nothing found it says so; `searching` while the
 * answer for what was typed has not come yet.
 */
export function SearchPicker<T>(props: {
  label?: string; placeholder: string; query: string; onQuery: (q: string) => void; items: T[]; keyOf: (t: T) => string;
  render: (t: T) => ReactNode; onPick: (t: T) => void; disabled?: (t: T) => boolean; empty?: string; testId?: string; error?: string | undefined;
  searching?: boolean;
}) {
  const { t } = useTranslation();
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ up: false, maxHeight: MAX_LIST });
  const open = props.query.trim() !== '';
  useEffect(() => setActive(0), [props.items]);
  useLayoutEffect(() => {
    if (!open) return undefined;
    const measure = () => {
      const r = box.current?.getBoundingClientRect();
      if (r) setPlace(listPlacement(r, window.innerHeight));
    };
    measure();
    window.addEventListener('resize', measure);
    window.addEventListener('scroll', measure, true);
    return () => { window.removeEventListener('resize', measure); window.removeEventListener('scroll', measure, true); };
  }, [open]);
  const usable = (i: number) => props.items[i] !== undefined && !(props.disabled?.(props.items[i]!) ?? false);
  const pick = (i: number) => { const item = props.items[i]; if (item !== undefined && usable(i)) props.onPick(item); };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, props.items.length - 1)); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    if (e.key === 'Enter') { e.preventDefault(); pick(active); }
    if (e.key === 'Escape') props.onQuery('');
  };
  const emptyText = props.searching ? t('common.search.searching') : props.empty ?? t('common.search.noMatch', { q: props.query.trim() });
  return (
    <Stack gap={4} pos="relative" ref={box}>
      <TextInput label={props.label} placeholder={props.placeholder} value={props.query} onKeyDown={onKey} error={props.error}
        onChange={(e) => props.onQuery(e.currentTarget.value)} data-testid={props.testId} />
      {open && (
        <Paper withBorder shadow="md" p={4} pos="absolute" left={0} right={0} data-testid={props.testId ? `${props.testId}-list` : undefined}
          style={{ zIndex: 20, ...(place.up ? { bottom: '100%' } : { top: '100%' }) }}>
          <ScrollArea.Autosize mah={place.maxHeight}>
            {props.items.length === 0 && (
              <Text size="sm" c="dimmed" p="xs" data-testid={props.testId ? `${props.testId}-empty` : undefined}>{emptyText}</Text>
            )}
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
