/**
 * The clinic's day (e2e/support/clinic-day.ts) on a workstation's screen, 1366×768, in Chinese.
 * English runs at 1024×600 (clinic-day-small.test.ts), where cut text shows first: the two runs
 * cover both languages and both sizes in half the time of all four pairs.
 */
import { describeClinicDay } from './support/clinic-day';

describeClinicDay([
  { lang: 'zh-CN', width: 1366, height: 768 },
]);
