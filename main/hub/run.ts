/**
 * The whole hub process minus its command line: the sync server over the store, the admin
 * station following it (administration forwarded by workstations runs there), and optionally
 * the web host over the admin station, for a browser on the LAN. main/cli/hub.ts parses the
 * options; the integration tests start the same thing. The web host serves the whole admin
 * replica, so it takes admin accounts only (a refused log-in goes to the hub's refusals, kind
 * 'web') and, beyond loopback, speaks only TLS with the hub's own certificate.
 */
import type { WebHost } from '../web/server';
import { startWebHost } from '../web/server';
import { loadSettings } from '../station/settings';
import { AdminStation } from './admin-station';
import { announceHub, type Announcement } from './discovery';
import { ensureStatsIndexes } from './stats/indexes';
import { fingerprintOf, hubIdentity } from './tls';
import { admitAtHubWeb } from './web-admission';
import { startHub, type Hub, type HubOptions } from './server';
import { rememberPatientApp } from './portal/address';
import { startPortalServer, type PortalServer } from './portal/server';
import { OnlinePayments } from './payments/online-payments';
import { serveOnlineRefunds } from './services/billing-online';
import { OnlinePaymentStore } from './payments/store';
import { PortalStore } from './portal/store';
import type { HubStore } from './store';
import { startClinicJobs } from './jobs/clinic-jobs';
import type { JobDefinition } from './jobs/runner';

export interface ClinicHubOptions extends Omit<HubOptions, 'store'> {
  store: HubStore;
  /** The admin station's SQLite file. */
  adminFile: string;
  /** Its key (main/station/keys.ts stationKeyFor; tests: TEST_STATION_KEY). */
  adminKey: Buffer;
  /** The web host over the admin station; left out: none. If it cannot start, the hub runs on without it (logged). */
  web?: {
    port: number; host?: string; staticDir: string; hosts?: string[]; origins?: string[];
    /** HTTPS with the hub's certificate on loopback too; beyond loopback it is always HTTPS (plain HTTP never leaves the PC). */
    tls?: boolean;
    /** Let every account log in, not only admins (a test whose hub desk serves reception). */
    anyRole?: boolean;
  };
  validateOutput?: boolean;
  /**
   * The patient app and its API on a port of its own (main/hub/portal/server.ts); left out: none.
   * `tls`: the clinic's key and certificate, 'hub' the hub's own, null plain HTTP (asked for explicitly).
   */
  portal?: { port: number; host?: string; tls: { key: string; cert: string } | 'hub' | null; staticDir: string | null };
  /**
   * Announce the hub on the LAN over mDNS (main/hub/discovery.ts), under the clinic's name.
   * Default: when it listens on more than loopback (nothing on the LAN could reach it otherwise).
   */
  announce?: boolean;
  /**
   * The scheduled jobs (main/hub/jobs): default on; `false` runs none (a hub tool). `extra` adds
   * jobs of the caller's (the command line's backups); `pollMs` how often due jobs are looked for.
   */
  jobs?: false | { pollMs?: number; leaseMs?: number; extra?: readonly JobDefinition[] };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

export interface ClinicHub {
  hub: Hub;
  admin: AdminStation;
  web: WebHost | null;
  /** The patient port, when asked for. */
  portal: PortalServer | null;
  /** Stops the patient port, the web host, the sync server and the admin station (the store stays open: its owner closes it). */
  close(): Promise<void>;
}

export async function startClinicHub(opts: ClinicHubOptions): Promise<ClinicHub> {
  const { store, adminFile, adminKey, web: webOpts, validateOutput, ...hubOpts } = opts;
  // Built at start, not on the admin's first statistic (minutes on a big hub).
  await ensureStatsIndexes(store);
  const admin = await AdminStation.open({
    store, file: adminFile, key: adminKey, ...(hubOpts.now ? { now: hubOpts.now } : {}), ...(hubOpts.log ? { log: hubOpts.log } : {}),
    ...(validateOutput !== undefined ? { validateOutput } : {}),
  });
  let hub: Hub;
  try {
    hub = await startHub({ store, ...hubOpts });
  } catch (err) {
    await admin.close();
    throw err;
  }
  admin.attach(hub);
  let jobs: { stop: () => Promise<void> } | null = null;
  if (opts.jobs !== false) {
    try {
      jobs = await startClinicJobs(store, admin, {
        ...(opts.jobs ?? {}), ...(hubOpts.now ? { now: hubOpts.now } : {}), ...(hubOpts.log ? { log: hubOpts.log } : {}), onAppended: (fn) => hub.onAppended(fn),
      });
    } catch (err) {
      await hub.close();
      await admin.close();
      throw err;
    }
  }
  let announcement: Announcement | null = null;
  let closed = false;
  let offSettings = () => undefined as unknown;
  if (opts.announce ?? !isLoopback(hubOpts.host ?? '127.0.0.1')) {
    const nameNow = () => {
      const settings = loadSettings(admin.station.db);
      return settings.clinicNameEn !== 'Clinic' ? settings.clinicNameEn : settings.clinicName;
    };
    let name = nameNow();
    announcement = announceHub({ name, port: hub.port, hubId: hub.id, fingerprint: hub.fingerprint });
    // Renamed (the first-run wizard names the clinic after its hub has started): announce the new name.
    offSettings = admin.station.on('data.changed', ({ tables }) => {
      if (!tables.includes('settings') || nameNow() === name || !announcement) return;
      name = nameNow();
      const old = announcement;
      announcement = null;
      // The old name says goodbye first, so a browser never sees this hub under two names.
      void old.stop().then(() => {
        if (!closed) announcement = announceHub({ name, port: hub.port, hubId: hub.id, fingerprint: hub.fingerprint });
      });
    });
  }
  let web: WebHost | null = null;
  if (webOpts) {
    try {
      const host = webOpts.host ?? hubOpts.host ?? '127.0.0.1';
      const identity = webOpts.tls === true || !isLoopback(host) ? hubOpts.identity ?? await hubIdentity(store) : null;
      web = await startWebHost({
        station: admin.station, staticDir: webOpts.staticDir, host, port: webOpts.port,
        policy: { hosts: webOpts.hosts ?? [], origins: webOpts.origins ?? [] },
        ...(identity ? { tls: { key: identity.key, cert: identity.cert } } : {}),
        ...(webOpts.anyRole ? {} : {
          admit: (account, source) => {
            const refused = admitAtHubWeb(account);
            if (refused) {
              hub.refuse({ kind: 'web', device: admin.device, accountId: account.accountId, subject: `log-in of ${account.username}`, code: refused.code, reason: refused.message, source });
            }
            return refused;
          },
        }),
      });
    } catch (err) {
      // The admin screens are not worth the stations' sync: the hub runs on without them.
      (hubOpts.log ?? console.warn)(`no web host: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  // One online-payment service: the patient port takes payments through it, cashiers refund through it (billing.refundOnline).
  const payments = new OnlinePayments({ admin, store: new OnlinePaymentStore(store.hubOnly), now: hubOpts.now ?? Date.now, refuse: (r) => hub.refuse(r) });
  serveOnlineRefunds(store, payments);
  let portal: PortalServer | null = null;
  if (opts.portal) {
    const p = opts.portal;
    try {
      const tls = p.tls === 'hub' ? hubOpts.identity ?? await hubIdentity(store) : p.tls;
      portal = await startPortalServer({
        admin, portal: new PortalStore(store.hubOnly), now: hubOpts.now ?? Date.now, refuse: (r) => hub.refuse(r),
        payments,
        host: p.host ?? hubOpts.host ?? '127.0.0.1', port: p.port, tls: tls ? { key: tls.key, cert: tls.cert } : null, staticDir: p.staticDir,
        ...(hubOpts.log ? { log: hubOpts.log } : {}),
      });
      // What the front desk tells a patient with an activation code (patients.portalCode).
      rememberPatientApp(store, portal.url, tls
        ? { mode: p.tls === 'hub' ? 'hub_cert' : 'clinic_cert', fingerprint: fingerprintOf(tls.cert) }
        : { mode: 'http', fingerprint: null });
    } catch (err) {
      await jobs?.stop();
      await web?.close();
      await hub.close();
      await admin.close();
      throw err;
    }
  }
  return {
    hub, admin, web, portal,
    close: async () => {
      closed = true;
      offSettings();
      await jobs?.stop();
      await portal?.close();
      await announcement?.stop();
      await web?.close();
      await hub.close();
      await admin.close();
    },
  };
}
