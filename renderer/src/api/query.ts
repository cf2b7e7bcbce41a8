/**
 * Reading and changing station data from components: react-query around `api`, refreshed
 * when the station says data changed, and session errors routed to the lock/log-in screens.
 */
import { QueryClient, useMutation, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import { procedures, SESSION_END_REASONS, type Input, type Output, type ProcedureName, type SessionEndReason } from '../../../main/api/contract';
import { askPassword } from '../ui/PasswordPrompt';
import { useSession } from '../state/session';
import { api, ApiError } from './client';
import { transport } from './transport';

function onSessionError(err: unknown): void {
  if (!(err instanceof ApiError)) return;
  if (err.code === 'SESSION_LOCKED') useSession.getState().setLocked(true);
  // Refused because the station ended the session (account disabled, roles changed, too old, too
  // many wrong passwords): back to the log-in screen, which says why.
  if (err.code === 'UNAUTHENTICATED' || (err.code === 'ACCOUNT_DISABLED' && useSession.getState().me)) {
    useSession.getState().signOut(endReason(err.details?.['reason']));
  }
}

function endReason(reason: unknown): SessionEndReason | undefined {
  return SESSION_END_REASONS.find((r) => r === reason);
}

/** A screen's input: the step-up password is asked for here, not by each dialog. */
export type ScreenInput<N extends ProcedureName> = Input<N> extends { confirmPassword: string } ? Omit<Input<N>, 'confirmPassword'> : Input<N>;

const cancelled = () => new ApiError({ code: 'VALIDATION', message: 'cancelled', details: { field: 'confirmPassword', reason: 'cancelled' } });

/**
 * Calls a procedure as a screen does: a step-up procedure (account, role, device, pairing
 * changes) first asks for the person's own password; a session the hub has not seen yet
 * (HUB_LOGIN_REQUIRED: logged in while the hub was unreachable) asks for it once, proves it to
 * the hub (accounts.hubLogin) and tries again.
 */
export async function apiCall<N extends ProcedureName>(name: N, screenInput: ScreenInput<N>): Promise<Output<N>> {
  try {
    let input = screenInput as Input<N>;
    if (procedures[name].proof === 'confirmPassword') {
      const confirmPassword = await askPassword('stepUp');
      if (confirmPassword === null) throw cancelled();
      input = { ...input, confirmPassword } as Input<N>;
    }
    try {
      return await api(name, input);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'HUB_LOGIN_REQUIRED') throw err;
      const password = await askPassword('hub');
      if (password === null) throw err;
      await api('accounts.hubLogin', { password });
      return await api(name, input);
    }
  } catch (err) {
    onSessionError(err);
    throw err;
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

/**
 * Queries refreshed when data changes: all but those marked `meta: { followsChanges: false }` (an
 * audited read at the hub, e.g. a lookup list, is read again when the person asks, not at every sync).
 */
const followsChanges = { predicate: (q: { meta?: Record<string, unknown> }) => q.meta?.['followsChanges'] !== false };

let pendingRefresh: ReturnType<typeof setTimeout> | null = null;
/** Station data changed (here or by sync): refresh what is on screen, once per burst. */
export function listenForChanges(): () => void {
  return transport().on('data.changed', () => {
    if (pendingRefresh) return;
    pendingRefresh = setTimeout(() => {
      pendingRefresh = null;
      void queryClient.invalidateQueries(followsChanges);
    }, 50);
  });
}

type QueryOpts<N extends ProcedureName> = Omit<UseQueryOptions<Output<N>, ApiError>, 'queryKey' | 'queryFn'>;

export function useApiQuery<N extends ProcedureName>(name: N, input: ScreenInput<N>, opts: QueryOpts<N> = {}) {
  return useQuery<Output<N>, ApiError>({ queryKey: [name, input], queryFn: () => apiCall(name, input), ...opts });
}

export function useApiMutation<N extends ProcedureName>(name: N, opts: { onSuccess?: (out: Output<N>, input: ScreenInput<N>) => void } = {}) {
  return useMutation<Output<N>, ApiError, ScreenInput<N>>({
    mutationFn: (input) => apiCall(name, input),
    onSuccess: (out, input) => {
      void queryClient.invalidateQueries(followsChanges);
      opts.onSuccess?.(out, input);
    },
  });
}
