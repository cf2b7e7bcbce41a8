/** The clinic's settings and today's date there (the station's, not this machine's clock zone). */
import { localDate } from '../../../main/api/contract';
import { useApiQuery } from '../api/query';

export function useClinic() {
  return useApiQuery('catalog.settings', {}, { staleTime: 60_000 });
}

/** Today in the clinic's time zone; until the station has answered, the machine's own date. */
export function useClinicToday(): string {
  const q = useClinic();
  if (!q.data) return localDate(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  return localDate(Date.now(), q.data.timeZone);
}
