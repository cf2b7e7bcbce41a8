/**
 * First run of a workstation (`setup.*`): start a new clinic (this PC runs the hub, the first
 * admin is made there) or join an existing hub by its address and pairing code. Callable without
 * a log-in, and only while the station is unset: no accounts, not paired, no in-process hub.
 * Afterwards every call is refused with SETUP_CLOSED.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../../domain/errors';
import { procedure } from '../define';
import { RequiredText, Text } from '../schemas';
import { NewPassword, Username } from './org-schemas';

/** The port a hub listens on unless told otherwise (main/cli/hub.ts `--port`). */
export const DEFAULT_HUB_PORT = 5190;

const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*$/;

/**
 * Whether a person typed a hub address: "192.168.1.10", "192.168.1.10:5190", "hub.local", or a
 * URL ("https://192.168.1.10:5190"); no path, no user. The port defaults to the hub's 5190. The
 * text goes to the pairing as it is (main/sync/pair.ts reads it the same way).
 */
export function isHubAddress(typed: string): boolean {
  const text = typed.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return false;
    return HOST.test(url.hostname);
  }
  const m = /^([^:\s/]+)(?::(\d{1,5}))?$/.exec(text);
  if (!m || !HOST.test(m[1]!)) return false;
  const port = m[2] === undefined ? DEFAULT_HUB_PORT : Number(m[2]);
  return port >= 1 && port <= 65535;
}

export const HubAddress = z.string().trim().min(1).max(300)
  .refine(isHubAddress, 'an address like 192.168.1.10, 192.168.1.10:5190 or https://hub:5190');
/** The one-time code the hub shows: six digits. */
export const PairingCode = z.string().trim().regex(/^\d{6}$/, 'six digits');

export const SETUP_CLOSED_REASONS = ['has_accounts', 'paired', 'in_process_hub', 'in_progress', 'no_runtime'] as const;
export const SetupClosedReason = z.enum(SETUP_CLOSED_REASONS);

export const FoundHubView = z.object({
  name: z.string(),
  url: z.string(),
  hubId: z.string(),
  /** SHA-256 of the hub's certificate, as the hub prints it (compare before pairing). */
  fingerprint: z.string(),
});

export const setupProcedures = {
  'setup.status': procedure({
    kind: 'query',
    access: 'public',
    summary: 'Whether this station still needs its first-run setup, and if not, why not.',
    input: z.object({}),
    output: z.object({
      needed: z.boolean(), reason: SetupClosedReason.nullable(), device: z.string(),
      /** What stops this station saving (read-only file or folder, full disk), checked now; null when all is well. */
      storage: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
    }),
  }),
  'setup.discover': procedure({
    kind: 'query',
    access: 'public',
    summary: 'Hubs announcing themselves on the LAN (mDNS), for joining one; unset stations only.',
    input: z.object({}),
    output: z.object({ hubs: z.array(FoundHubView) }),
  }),
  'setup.newClinic': procedure({
    kind: 'command',
    access: 'public',
    summary: 'Start a new clinic: this PC runs the hub, the first admin account is made there, the clinic name is set, and this station pairs with its own hub.',
    input: z.object({
      clinicName: RequiredText(100),
      /** The name on English documents; left out: the same as clinicName. */
      clinicNameEn: Text(100).optional(),
      username: Username,
      displayName: RequiredText(50),
      password: NewPassword,
    }),
    output: z.object({ hubUrl: z.string(), username: z.string() }),
  }),
  'setup.joinHub': procedure({
    kind: 'command',
    access: 'public',
    summary: 'Join an existing hub: pair with the code it shows, then sync (waits for the first sync, up to a limit).',
    input: z.object({
      address: HubAddress,
      code: PairingCode,
      /** The certificate fingerprint the hub announced (picked from the LAN list); another is refused. */
      fingerprint: z.string().trim().regex(/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}$/, 'a SHA-256 fingerprint AB:CD:…').optional(),
    }),
    output: z.object({ hubUrl: z.string(), synced: z.boolean() }),
  }),
} as const;
