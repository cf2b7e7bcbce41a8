import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One block of an admin screen: a titled box, with its buttons at the top right. */
export function Panel({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap" align="center">
        <Title order={4}>{title}</Title>
        {actions && <Group gap="xs" wrap="nowrap">{actions}</Group>}
      </Group>
      {children}
    </Paper>
  );
}
