/**
 * The handlers of every procedure a workstation runs, checked against the contract by `satisfies`.
 * The hub's procedures (`at: 'hub'`) have theirs in main/hub/handlers.ts.
 */
import type { DeskHandlers } from './handler';
import { accountHandlers } from './services/accounts';
import { appointmentsHandlers } from './services/appointments';
import { auditHandlers } from './services/audit';
import { billingHandlers } from './services/billing';
import { callListHandlers } from './services/call-list';
import { catalogHandlers } from './services/catalog';
import { consultationHandlers } from './services/consultation';
import { documentsHandlers } from './services/documents';
import { frontdeskHandlers } from './services/frontdesk';
import { patientsHandlers } from './services/patients';
import { portalCodeSlipHandlers } from './services/portal-code-slip';
import { callListPrintHandlers } from './services/call-list-print';
import { pharmacyHandlers } from './services/pharmacy';
import { prescriptionsHandlers } from './services/prescriptions';
import { prescriptionsRepeatHandlers } from './services/prescriptions-repeat';
import { queueHandlers } from './services/queue';
import { setupHandlers } from './services/setup';
import { recordTemplateDeskHandlers } from './services/record-templates';
import { dictionaryDeskHandlers } from './services/dictionary';
import { vitalsHandlers } from './services/vitals';

export const handlers = {
  ...accountHandlers,
  ...patientsHandlers,
  ...portalCodeSlipHandlers,
  ...callListPrintHandlers,
  ...appointmentsHandlers,
  ...frontdeskHandlers,
  ...queueHandlers,
  ...consultationHandlers,
  ...vitalsHandlers,
  ...recordTemplateDeskHandlers,
  ...dictionaryDeskHandlers,
  ...prescriptionsHandlers,
  ...prescriptionsRepeatHandlers,
  ...pharmacyHandlers,
  ...billingHandlers,
  ...catalogHandlers,
  ...callListHandlers,
  ...auditHandlers,
  ...documentsHandlers,
  ...setupHandlers,
} satisfies DeskHandlers;
