/** Which admin screen is open: the part after the workspace in the location hash (`#/admin/staff`). */
import { useEffect, useState } from 'react';

export const ADMIN_SECTIONS = ['dashboard', 'stats', 'org', 'staff', 'rosters', 'catalog', 'equipment', 'dictionary', 'devices', 'jobs', 'messages', 'reviews', 'dayCloses', 'lookups', 'ratings', 'audit', 'settings', 'gateway'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

function fromHash(): AdminSection {
  const part = location.hash.replace(/^#\/?/, '').split('/')[1] ?? '';
  return (ADMIN_SECTIONS as readonly string[]).includes(part) ? (part as AdminSection) : 'dashboard';
}

export function useAdminSection(): [AdminSection, (s: AdminSection) => void] {
  const [section, setSection] = useState<AdminSection>(fromHash);
  useEffect(() => {
    const on = () => setSection(fromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = (s: AdminSection) => {
    location.hash = `#/admin/${s}`;
    setSection(s);
  };
  return [section, go];
}
