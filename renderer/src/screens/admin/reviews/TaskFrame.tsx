/** The frame of one task: its title, when it was found or resolved, a hint, its content. */
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../../ui/format';
import type { ReviewTask } from './types';

export function TaskFrame({ task, title, hint, color, children }: {
  task: ReviewTask; title: string; hint?: string | undefined; color: string; children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid={`task-${task.kind}`} data-task-key={task.key}
      style={{ borderLeft: `4px solid var(--mantine-color-${task.resolvedAt === null ? color : 'gray'}-6)` }}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={5}>{title}</Title>
          {task.resolvedAt === null
            ? <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{t('reviews.found', { time: dateTime(task.createdAt) })}</Text>
            : <Badge color="gray" variant="light">{t('reviews.resolved', { time: dateTime(task.resolvedAt) })}</Badge>}
        </Group>
        {hint && <Text size="sm" c="dimmed">{hint}</Text>}
        {children}
      </Stack>
    </Paper>
  );
}
