/**
 * The handlers of every procedure that runs at the hub (`at: 'hub'`: administration, rosters,
 * master data, devices, review tasks, statistics, password changes), checked against the contract
 * by `satisfies`. The hub gives them to its own admin station (main/hub/admin-station.ts,
 * StationOptions.hubHandlers), which then runs them; a workstation forwards them to the hub.
 */
import type { HubHandlers } from '../station/handler';
import { accountPasswordHandlers } from './services/accounts-password';
import { devicesHandlers } from './services/devices';
import { jobsHandlers } from './services/jobs';
import { lookupHandlers } from './services/lookups';
import { messagesHandlers } from './services/messages';
import { callListSheetHandlers } from './services/call-list-sheet';
import { masterHandlers } from './services/master';
import { recordTemplateHandlers } from './services/master-record-templates';
import { dictionaryHandlers } from './services/master-dictionary';
import { orgHandlers } from './services/org';
import { reviewsHandlers } from './services/reviews';
import { rostersHandlers } from './services/rosters';
import { statsHandlers } from './services/stats';
import { portalCodeHandlers } from './services/portal-codes';
import { paymentsGatewayHandlers } from './services/payments-gateway';
import { billingOnlineHandlers } from './services/billing-online';
import { kioskTokenHandlers } from './services/kiosk-tokens';
import { ratingsHandlers } from './services/ratings';
import { equipmentHandlers } from './services/equipment';

export const hubHandlers = {
  ...orgHandlers,
  ...masterHandlers,
  ...recordTemplateHandlers,
  ...dictionaryHandlers,
  ...rostersHandlers,
  ...devicesHandlers,
  ...jobsHandlers,
  ...messagesHandlers,
  ...callListSheetHandlers,
  ...reviewsHandlers,
  ...statsHandlers,
  ...lookupHandlers,
  ...accountPasswordHandlers,
  ...portalCodeHandlers,
  ...paymentsGatewayHandlers,
  ...billingOnlineHandlers,
  ...kioskTokenHandlers,
  ...ratingsHandlers,
  ...equipmentHandlers,
} satisfies HubHandlers;
