/**
 * Finding the hub on the clinic LAN: the hub announces itself over mDNS (DNS-SD service type
 * `_clinic-desk._tcp`), and a station's first-run wizard lists what answers. The announcement
 * carries the hub's id and its certificate fingerprint, so the wizard can show the same short
 * fingerprint the hub prints; trust is still only pinned at pairing (main/sync/pair.ts), since
 * anyone on the LAN can announce anything.
 * A station can always be pointed at an address instead (some networks drop multicast).
 */
import { Bonjour, type Service } from 'bonjour-service';

export const SERVICE_TYPE = 'clinic-desk';

export interface FoundHub {
  /** The name the hub announces (its clinic name, or "Clinic desk hub"). */
  name: string;
  /** Where to reach it, e.g. https://192.168.1.10:5190. */
  url: string;
  hubId: string;
  /** SHA-256 of its certificate, "AB:CD:…" as Node prints it. */
  fingerprint: string;
}

export interface Announcement {
  stop(): Promise<void>;
}

export interface AnnounceOptions {
  name: string;
  port: number;
  hubId: string;
  fingerprint: string;
}

/** Announce the hub; keep the returned handle and stop it when the hub closes. */
export function announceHub(opts: AnnounceOptions): Announcement {
  const bonjour = new Bonjour({}, () => { /* a network that drops multicast: addresses can still be typed */ });
  bonjour.publish({
    name: `${opts.name} (${opts.hubId.slice(0, 8)})`,
    type: SERVICE_TYPE,
    port: opts.port,
    txt: { hub: opts.hubId, fp: opts.fingerprint, v: '1' },
    disableIPv6: true,
  });
  let stopped = false;
  return {
    stop: () => new Promise<void>((resolve) => {
      if (stopped) return resolve();
      stopped = true;
      bonjour.unpublishAll(() => {
        bonjour.destroy();
        resolve();
      });
    }),
  };
}

function isIpv4(a: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(a);
}

/** A DNS-SD answer as a hub, or null when it is not one of ours (or lacks an address). */
export function toFoundHub(service: Pick<Service, 'name' | 'port' | 'addresses' | 'txt' | 'referer'>): FoundHub | null {
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  const hubId = typeof txt['hub'] === 'string' ? txt['hub'] : null;
  const fingerprint = typeof txt['fp'] === 'string' ? txt['fp'] : null;
  if (!hubId || !fingerprint || !Number.isInteger(service.port)) return null;
  const address = (service.addresses ?? []).find(isIpv4) ?? (service.referer?.address && isIpv4(service.referer.address) ? service.referer.address : undefined);
  if (!address) return null;
  return { name: service.name, url: `https://${address}:${service.port}`, hubId, fingerprint };
}

/** Hubs that answer within `timeoutMs` (default 1.5 s), one per hub id, by name. */
export function browseHubs(opts: { timeoutMs?: number } = {}): Promise<FoundHub[]> {
  return new Promise((resolve) => {
    const found = new Map<string, FoundHub>();
    const bonjour = new Bonjour({}, () => { /* no multicast here: nothing found */ });
    const browser = bonjour.find({ type: SERVICE_TYPE }, (service: Service) => {
      const hub = toFoundHub(service);
      if (hub && !found.has(hub.hubId)) found.set(hub.hubId, hub);
    });
    setTimeout(() => {
      browser.stop();
      bonjour.destroy();
      resolve([...found.values()].sort((a, b) => a.name.localeCompare(b.name)));
    }, opts.timeoutMs ?? 1_500);
  });
}
