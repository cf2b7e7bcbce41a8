/**
 * The clinic's day (e2e/support/clinic-day.ts) on a workstation's screen, 1366×768, in Chinese.
 * English runs at 1024×600 (clinic-day-small.test.ts), where cut text shows first. Each run checks
 * its screens at the other size too (axe, cut badges, a screenshot), so the two runs cover both
 * languages at both sizes in about half the time of four whole days.
 */
import { describeClinicDay } from './support/clinic-day';

describeClinicDay([
  { lang: 'zh-CN', width: 1366, height: 768 },
]);
