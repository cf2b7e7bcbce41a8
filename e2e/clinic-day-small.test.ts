/** The clinic's day (e2e/support/clinic-day.ts) on a small laptop's screen, 1024×600, in Chinese and in English. */
import { describeClinicDay } from './support/clinic-day';

describeClinicDay([
  { lang: 'zh-CN', width: 1024, height: 600 },
  { lang: 'en', width: 1024, height: 600 },
]);
