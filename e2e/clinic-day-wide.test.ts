/** The clinic's day (e2e/support/clinic-day.ts) on a workstation's screen, 1366×768, in Chinese and in English. */
import { describeClinicDay } from './support/clinic-day';

describeClinicDay([
  { lang: 'zh-CN', width: 1366, height: 768 },
  { lang: 'en', width: 1366, height: 768 },
]);
