/**
 * Reading and changing station data from components: react-query around `api`, refreshed
 * when the station says data changed, and session errors routed to the lock/log-in screens.
 */
import { QueryClient, useMutation, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import { SESSION_END_REASONS, type Input, type Output, type ProcedureName, type SessionEndReason } from '../../../main/api/contract';
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

export async function apiCall<N extends ProcedureName>(name: N, input: Input<N>): Promise<Output<N>> {
  try {
    return await api(name, input);
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

let pendingRefresh: ReturnType<typeof setTimeout> | null = null;
/** Station data changed (here or by sync): refresh what is on screen, once per burst. */
export function listenForChanges(): () => void {
  return transport().on('data.changed', () => {
    if (pendingRefresh) return;
    pendingRefresh = setTimeout(() => {
      pendingRefresh = null;
      void queryClient.invalidateQueries();
    }, 50);
  });
}

type QueryOpts<N extends ProcedureName> = Omit<UseQueryOptions<Output<N>, ApiError>, 'queryKey' | 'queryFn'>;

export function useApiQuery<N extends ProcedureName>(name: N, input: Input<N>, opts: QueryOpts<N> = {}) {
  return useQuery<Output<N>, ApiError>({ queryKey: [name, input], queryFn: () => apiCall(name, input), ...opts });
}

export function useApiMutation<N extends ProcedureName>(name: N, opts: { onSuccess?: (out: Output<N>, input: Input<N>) => void } = {}) {
  return useMutation<Output<N>, ApiError, Input<N>>({
    mutationFn: (input) => apiCall(name, input),
    onSuccess: (out, input) => {
      void queryClient.invalidateQueries();
      opts.onSuccess?.(out, input);
    },
  });
}
