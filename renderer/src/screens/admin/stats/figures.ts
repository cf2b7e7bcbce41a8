/** How statistics read: minutes of waiting, rates as percentages (the figures come from the hub as ms and 0–1). */
import i18next from 'i18next';

export function minutes(ms: number | null): string {
  if (ms === null) return i18next.t('admin.common.none');
  return i18next.t('admin.stats.minutes', { n: Math.round(ms / 6_000) / 10 });
}

export function percent(rate: number | null): string {
  return rate === null ? i18next.t('admin.common.none') : `${(rate * 100).toFixed(1)}%`;
}
