/**
 * A desk's person proving themselves to the hub: the password they log in with is checked at the
 * hub too, which answers a person token kept in the session (memory only). A hub that does not
 * answer quickly leaves the local log-in as it is; the person confirms the password later
 * (accounts.hubLogin) when a hub procedure needs it (HUB_LOGIN_REQUIRED).
 */
import type { Output } from '../api/contract';
import type { ErrorBody } from '../domain/errors';
import type { Account } from './context';
import type { HubToken, Station } from './station';

/** How long a log-in waits for the hub's token before going on without it. */
export const LOGIN_HUB_WAIT_MS = 1_500;
/** How long accounts.hubLogin waits for the hub. */
export const HUB_LOGIN_WAIT_MS = 10_000;

/** After a local log-in: the hub's token into the new session, if the hub answers in time. */
export async function attachHubToken(station: Station, login: Output<'accounts.login'>, rawInput: unknown): Promise<void> {
  const link = station.hubLink;
  const password = (rawInput as { password?: unknown }).password;
  if (!link || typeof password !== 'string') return;
  const answer = await link.auth({ username: login.username, password }, LOGIN_HUB_WAIT_MS);
  const session = station.sessions.get(login.token, station.now());
  if (answer.ok && session && session.account.id === login.accountId) session.hubToken = answer.value;
}

/**
 * accounts.hubLogin's part before its transaction: the hub's token for the session's person.
 * At the hub's own station there is nothing to prove (null): the handler answers ok.
 */
export async function hubLoginToken(station: Station, account: Account, rawInput: unknown): Promise<HubToken | null | ErrorBody> {
  if (station.allowMasterData) return null;
  const password = (rawInput as { password?: unknown } | null)?.password;
  if (typeof password !== 'string' || password.length === 0 || password.length > 256) {
    return { code: 'VALIDATION', message: 'type your password', details: { field: 'password' } };
  }
  const link = station.hubLink;
  if (!link) return { code: 'HUB_UNREACHABLE', message: 'this workstation has no hub connection', details: { procedure: 'accounts.hubLogin' } };
  const answer = await link.auth({ username: account.username, password }, HUB_LOGIN_WAIT_MS);
  if (!answer.ok) return answer.error.code === 'BAD_CREDENTIALS' ? { ...answer.error, details: { ...answer.error.details, field: 'password' } } : answer.error;
  return answer.value;
}
