/**
 * First-run setup (`setup.*`, main/api/procedures/setup.ts): open only while this station is
 * unset — no accounts, no hub credential, no hub in this process — and only where the host has
 * installed a SetupRuntime. The work itself (a hub, pairing, sync) is the host's, after commit.
 */
import type Database from 'better-sqlite3';
import { setupProcedures, type SetupClosedReason } from '../../api/procedures/setup';
import { DomainError } from '../../domain/errors';
import { checkPasswordStrength } from '../../domain/password';
import type { RequestContext } from '../context';
import { afterCommit, type HandlersFor } from '../handler';
import { setupRuntimeOf, type SetupRuntime } from './setup-runtime';
import { storageProblem } from '../storage-errors';

type Reason = (typeof SetupClosedReason)['options'][number];

function meta(raw: Database.Database, key: string): string | undefined {
  return (raw.prepare('SELECT value FROM station_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** Why this station is not open for setup, or null when it is. */
export function setupClosedReason(raw: Database.Database): Reason | null {
  const runtime = setupRuntimeOf(raw);
  if (runtime?.busy) return 'in_progress';
  if (meta(raw, 'hub_mode') === 'in-process') return 'in_process_hub';
  if (meta(raw, 'hub_credential') !== undefined) return 'paired';
  if (raw.prepare('SELECT 1 FROM accounts LIMIT 1').get() !== undefined) return 'has_accounts';
  if (!runtime) return 'no_runtime';
  return null;
}

const MESSAGES: Record<Reason, string> = {
  has_accounts: 'this station has accounts already: log in instead',
  paired: 'this station is paired with a hub already: log in instead',
  in_process_hub: 'this PC runs the hub already: log in instead',
  in_progress: 'the setup is running already',
  no_runtime: 'first-run setup is not available on this station',
};

/** The runtime of an unset station, or SETUP_CLOSED {reason}. */
function openRuntime(ctx: RequestContext): SetupRuntime {
  const reason = setupClosedReason(ctx.raw);
  const runtime = setupRuntimeOf(ctx.raw);
  if (reason !== null || !runtime) {
    const why = reason ?? 'no_runtime';
    throw new DomainError('SETUP_CLOSED', MESSAGES[why], { reason: why });
  }
  return runtime;
}

export const setupHandlers: HandlersFor<typeof setupProcedures> = {
  'setup.status': (ctx) => {
    const reason = setupClosedReason(ctx.raw);
    return { needed: reason === null, reason, device: ctx.device, storage: storageProblem(ctx.raw.name) };
  },

  'setup.discover': (ctx) => {
    const runtime = openRuntime(ctx);
    return afterCommit(async () => ({ hubs: await runtime.discover() }));
  },

  'setup.newClinic': (ctx, input) => {
    const runtime = openRuntime(ctx);
    try {
      checkPasswordStrength(input.password);
    } catch (err) {
      if (err instanceof DomainError) throw new DomainError(err.code, err.message, { ...err.details, field: 'password' });
      throw err;
    }
    const req = { ...input, clinicNameEn: input.clinicNameEn || input.clinicName };
    return afterCommit(async () => ({ ...(await runtime.newClinic(req)), username: input.username }));
  },

  'setup.joinHub': (ctx, input) => {
    const runtime = openRuntime(ctx);
    return afterCommit(() => runtime.joinHub({
      address: input.address, code: input.code, ...(input.fingerprint ? { fingerprint: input.fingerprint.toUpperCase() } : {}),
    }));
  },
};
