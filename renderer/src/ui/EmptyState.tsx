import { Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

/** An empty list that says what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Stack align="center" gap={6} py="xl" data-testid="empty-state">
      <ThemeIcon variant="light" color="gray" size={40} radius="xl">
        <Text size="lg" c="dimmed">∅</Text>
      </ThemeIcon>
      <Text fw={600}>{title}</Text>
      {hint && <Text size="sm" c="dimmed" ta="center" maw={420}>{hint}</Text>}
      {action}
    </Stack>
  );
}
