/**
 * Marking a review task handled with a note (`reviews.resolve`), for the kinds a person settles:
 * the button (administrators, while the task is open), who marked it and why, and the note dialog.
 */
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useApiMutation } from '../../../api/query';
import { hasRole, useSession } from '../../../state/session';
import { ReasonDialog } from '../../../ui/ReasonDialog';

export interface HandledMark { note: string; byName: string; at: number }

export function MarkHandled({ task, handled, color, testPrefix, text }: {
  task: { key: string; resolvedAt: number | null };
  handled: HandledMark | null;
  color: string;
  /** Test ids: `${testPrefix}-handled`, `${testPrefix}-done`; the button is `mark-handled`. */
  testPrefix: string;
  text: { button: string; title: string; note: string; submit: string; handledBy: (h: HandledMark) => string; done: string };
}) {
  const me = useSession((s) => s.me);
  const [marking, setMarking] = useState(false);
  const [done, setDone] = useState(false);
  const resolve = useApiMutation('reviews.resolve', { onSuccess: () => { setMarking(false); setDone(true); } });
  const open = task.resolvedAt === null && !done;
  return (
    <>
      {open && hasRole(me, 'admin') && (
        <Group><Button variant="light" color={color} onClick={() => setMarking(true)} data-testid="mark-handled">{text.button}</Button></Group>
      )}
      {handled && <Text size="sm" c="dimmed" data-testid={`${testPrefix}-handled`}>{text.handledBy(handled)}</Text>}
      {done && <Text size="sm" c="teal" data-testid={`${testPrefix}-done`}>{text.done}</Text>}
      <ReasonDialog opened={marking} onClose={() => setMarking(false)} busy={resolve.isPending} error={resolve.error}
        title={text.title} label={text.note} submit={text.submit}
        onSubmit={(note) => resolve.mutate({ key: task.key, note })} />
    </>
  );
}
