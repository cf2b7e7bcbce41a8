/**
 * Where the window is: a workspace in the location hash (`#/frontdesk`), so a reload or a
 * bookmark (the waiting-room display's `#/display`) opens the same place.
 */
import { create } from 'zustand';
import type { Role } from '../../../main/api/contract';

export const WORKSPACES = ['frontdesk', 'consult', 'billing', 'pharmacy', 'display', 'admin'] as const;
export type Workspace = (typeof WORKSPACES)[number];

/** Which roles may open each workspace (the station checks every call on its own as well). */
export const WORKSPACE_ROLES: Record<Workspace, readonly Role[]> = {
  frontdesk: ['receptionist'],
  consult: ['doctor'],
  billing: ['cashier'],
  pharmacy: ['pharmacist'],
  display: ['receptionist', 'doctor', 'cashier', 'pharmacist', 'admin'],
  admin: ['admin'],
};

/** The workspaces of the switch in the header (the display is opened from the user menu). */
export function workspacesFor(roles: readonly Role[]): Workspace[] {
  return WORKSPACES.filter((w) => w !== 'display' && WORKSPACE_ROLES[w].some((r) => roles.includes(r)));
}

function fromHash(): Workspace | null {
  const name = location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (WORKSPACES as readonly string[]).includes(name) ? (name as Workspace) : null;
}

interface RouteState {
  workspace: Workspace | null;
  go: (w: Workspace) => void;
}

export const useRoute = create<RouteState>((set) => ({
  workspace: fromHash(),
  go: (w) => {
    if (location.hash !== `#/${w}`) location.hash = `#/${w}`;
    set({ workspace: w });
  },
}));

window.addEventListener('hashchange', () => useRoute.setState({ workspace: fromHash() }));
