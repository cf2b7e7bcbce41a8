/** Every procedure's handler, checked against the contract by `satisfies`. */
import type { AllHandlers } from './handler';
import { accountHandlers } from './services/accounts';
import { appointmentsHandlers } from './services/appointments';
import { auditHandlers } from './services/audit';
import { billingHandlers } from './services/billing';
import { catalogHandlers } from './services/catalog';
import { orgHandlers } from './services/org';
import { masterHandlers } from './services/master';
import { consultationHandlers } from './services/consultation';
import { devicesHandlers } from './services/devices';
import { documentsHandlers } from './services/documents';
import { frontdeskHandlers } from './services/frontdesk';
import { patientsHandlers } from './services/patients';
import { pharmacyHandlers } from './services/pharmacy';
import { prescriptionsHandlers } from './services/prescriptions';
import { queueHandlers } from './services/queue';
import { reviewsHandlers } from './services/reviews';
import { rostersHandlers } from './services/rosters';
import { statsHandlers } from './services/stats';
import { setupHandlers } from './services/setup';

export const handlers = {
  ...accountHandlers,
  ...patientsHandlers,
  ...appointmentsHandlers,
  ...frontdeskHandlers,
  ...queueHandlers,
  ...consultationHandlers,
  ...prescriptionsHandlers,
  ...pharmacyHandlers,
  ...billingHandlers,
  ...catalogHandlers,
  ...auditHandlers,
  ...documentsHandlers,
  ...devicesHandlers,
  ...orgHandlers,
  ...masterHandlers,
  ...rostersHandlers,
  ...statsHandlers,
  ...reviewsHandlers,
  ...setupHandlers,
} satisfies AllHandlers;
