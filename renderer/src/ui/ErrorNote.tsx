import { Alert } from '@mantine/core';
import { errorMessage } from '../i18n/translateError';

/** An API error that is about no single field, in the user's language. */
export function ErrorNote({ error, message }: { error?: unknown; message?: string | undefined }) {
  const text = message ?? (error ? errorMessage(error) : undefined);
  if (!text) return null;
  return <Alert color="red" variant="light" role="alert" data-testid="error-note" py={8}>{text}</Alert>;
}
