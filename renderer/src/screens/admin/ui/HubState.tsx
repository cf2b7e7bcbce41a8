/**
 * What an admin screen shows while its data is not there: a placeholder while loading, a notice
 * with a retry button when the hub cannot be reached, the translated error otherwise.
 */
import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { formError } from '../../../i18n/translateError';
import { ErrorNote } from '../../../ui/ErrorNote';

export function isHubUnreachable(err: unknown): boolean {
  return err instanceof ApiError && (err.code as string) === 'HUB_UNREACHABLE';
}

export function HubUnreachable({ onRetry, busy }: { onRetry?: () => void; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" title={t('admin.hub.title')} data-testid="hub-unreachable" role="alert">
      <Stack gap="xs">
        <Text size="sm">{t('admin.hub.body')}</Text>
        {onRetry && <Group><Button size="xs" variant="white" color="orange" onClick={onRetry} loading={busy ?? false} data-testid="hub-retry">{t('admin.hub.retry')}</Button></Group>}
      </Stack>
    </Alert>
  );
}

/** An error of an admin call: the hub notice for HUB_UNREACHABLE, the error note for the rest. */
export function AdminError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  if (isHubUnreachable(error)) return <HubUnreachable {...(onRetry ? { onRetry } : {})} />;
  return <ErrorNote error={error} />;
}

/** The query's data handed to `children`, or what to show instead. */
export function QueryState<T>({ query, children, height = 160 }: {
  query: UseQueryResult<T, ApiError>; children: (data: T) => ReactNode; height?: number;
}) {
  if (query.error) return <AdminError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Skeleton h={height} data-testid="admin-loading" />;
  return <>{children(query.data)}</>;
}

/** Above a form's buttons: the hub notice, or the error no field of the form shows. */
export function FormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (!error) return null;
  if (isHubUnreachable(error)) return <HubUnreachable />;
  return <ErrorNote message={formError(error, fields)} />;
}
