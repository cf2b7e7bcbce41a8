import { z } from 'zod';
import { procedure } from '../define';
import { Id, Instant, Ok, RequiredText, Role } from '../schemas';

export const SessionInfo = z.object({
  token: z.string(),
  accountId: Id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  staffId: Id.nullable(),
  device: z.string(),
  idleLockMs: z.number().int(),
});

export const accountProcedures = {
  'accounts.login': procedure({
    kind: 'command',
    access: 'public',
    summary: 'Log in with username and password; repeated failures lock the account at this station for a while.',
    input: z.object({ username: RequiredText(64), password: z.string().min(1).max(256) }),
    output: SessionInfo,
  }),
  'accounts.logout': procedure({
    kind: 'command',
    access: 'any',
    summary: 'End this session.',
    input: z.object({}),
    output: Ok,
  }),
  'accounts.me': procedure({
    kind: 'query',
    access: 'any',
    summary: 'Who is logged in, and when the session locks if idle.',
    input: z.object({}),
    output: SessionInfo.omit({ token: true }).extend({ lockedAt: Instant.nullable() }),
  }),
  'accounts.lock': procedure({
    kind: 'command',
    access: 'any',
    summary: 'Lock this session now (stepping away from the desk).',
    input: z.object({}),
    output: Ok,
  }),
  'accounts.unlock': procedure({
    kind: 'command',
    access: 'any',
    summary: 'Unlock an idle-locked session by typing the password again.',
    input: z.object({ password: z.string().min(1).max(256) }),
    output: Ok,
  }),
  'accounts.changePassword': procedure({
    kind: 'command',
    access: 'any',
    summary: 'Change my own password.',
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
    output: Ok,
  }),
} as const;
