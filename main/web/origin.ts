/**
 * Which requests the web host answers. A page on another site must not drive the API through
 * the user's browser (Origin check), and a DNS-rebound name must not reach it (Host check).
 */
import { isIP } from 'node:net';

export interface OriginPolicy {
  /** Extra host names (without port) accepted besides IP literals and localhost. */
  hosts: readonly string[];
  /** Extra origins accepted for the WebSocket, e.g. a vite dev server. */
  origins: readonly string[];
}

function hostnameOf(hostHeader: string): string | null {
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return null;
  }
}

/** Host header: an IP literal, localhost, or a configured name. */
export function hostAllowed(hostHeader: string | undefined, policy: OriginPolicy): boolean {
  if (!hostHeader) return false;
  const name = hostnameOf(hostHeader);
  if (name === null) return false;
  return isIP(name) !== 0 || name === 'localhost' || policy.hosts.includes(name);
}

/** Origin of a WebSocket upgrade: the page this host served (over `scheme`), or a configured origin. */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined, policy: OriginPolicy, scheme: 'http' | 'https' = 'http'): boolean {
  if (!origin || !hostHeader) return false;
  if (policy.origins.includes(origin)) return true;
  return hostAllowed(hostHeader, policy) && origin === `${scheme}://${hostHeader}`;
}
