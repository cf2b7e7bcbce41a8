/**
 * The clinic's day (e2e/support/clinic-day.ts) on a small laptop's screen, 1024×600, in English:
 * the longer English labels in the narrowest two-pane layout. Chinese runs at 1366×768
 * (clinic-day-wide.test.ts).
 */
import { describeClinicDay } from './support/clinic-day';

describeClinicDay([
  { lang: 'en', width: 1024, height: 600 },
]);
