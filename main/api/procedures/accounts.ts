import { z } from 'zod';
import { procedure } from '../define';
import { Id, Instant, Ok, RequiredText, Role } from '../schemas';

/** Why the station ended a session (event `session.ended`, details.reason of the refusal). */
export const SESSION_END_REASONS = ['account_disabled', 'roles_changed', 'session_expired', 'too_many_password_failures'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export const SessionInfo = z.object({
  token: z.string(),
  accountId: Id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  staffId: Id.nullable(),
  device: z.string(),
  idleLockMs: z.number().int(),
  /** When the session ends whatever its activity (its log-in plus the clinic's longest session). */
  endsAt: Instant,
});

/**
 * Resuming a session after a reload: not a station procedure but a call the UI's holder answers
 * (main/web/holder.ts). Its input is the resume ticket the log-in answered in `token` (kept in the
 * window's sessionStorage); its answer is `accounts.me` with the next ticket in `token`.
 */
export const RESUME_CALL = 'accounts.resume';
export const ResumeInput = z.object({ ticket: z.string().min(1).max(128) });
export const ResumeOutput = SessionInfo.extend({ lockedAt: Instant.nullable() });

export const accountProcedures = {
  'accounts.login': procedure({
    kind: 'command',
    access: 'public',
    summary: 'Log in with username and password; repeated wrong passwords from one place hold that place back for a while (not the account everywhere).',
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
    summary: 'Who is logged in, when the session locks if idle, and when it ends.',
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
    summary: 'Unlock an idle-locked session by typing the password again; too many wrong ones end the session.',
    input: z.object({ password: z.string().min(1).max(256) }),
    output: Ok,
  }),
  'accounts.hubLogin': procedure({
    kind: 'command',
    access: 'any',
    summary: 'Prove to the hub who I am with my password (for a log-in made while the hub was unreachable); hub procedures of this session then go through.',
    input: z.object({ password: z.string().min(1).max(256) }),
    output: Ok,
  }),
  'accounts.changePassword': procedure({
    kind: 'command',
    access: 'any',
    at: 'hub',
    summary: 'Change my own password, at the hub (checked there against the current one); it replicates to every desk. Needs the hub.',
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
    output: Ok,
  }),
} as const;
