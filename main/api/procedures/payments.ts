/**
 * Online payment's gateway, set by an admin at the hub (main/hub/payments): the Alipay app id,
 * the gateway URL (production or sandbox), where its notifies go, the app's private key and
 * Alipay's public key. Changing it asks for the admin's password again (step-up). The keys are
 * kept in the hub's own database and no read ever answers them: only whether they are set.
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Instant, RequiredText } from '../schemas';
import { ConfirmPassword } from './org-schemas';

const ADMIN = ['admin'] as const;
const HttpUrl = z.string().trim().max(300).url().refine((u) => /^https?:\/\//.test(u), 'an http(s) address');
/** A PEM key as the admin pastes it (its parsing is checked by the handler: VALIDATION {field}). */
const Pem = z.string().trim().min(1).max(10_000);

export const GatewayView = z.object({
  /** Whether online payment is set up (an app id and both keys are kept at the hub). */
  configured: z.boolean(),
  /** Whether new QR orders are made (false: turned off by the admin, keys kept; patients pay at the counter). */
  enabled: z.boolean(),
  appId: z.string().nullable(),
  gatewayUrl: z.string().nullable(),
  notifyUrl: z.string().nullable(),
  updatedAt: Instant.nullable(),
});

export const paymentsProcedures = {
  'payments.gateway': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'The online payment gateway as set: app id, gateway and notify addresses, and whether the keys are set (never the keys).',
    input: z.object({}),
    output: GatewayView,
  }),
  'payments.setGateway': procedure({
    kind: 'command', access: ADMIN, at: 'hub', proof: 'confirmPassword',
    summary: "Set the Alipay gateway (app id, gateway URL, notify URL, the app's private key, Alipay's public key); the keys are checked, kept at the hub, never shown again.",
    input: z.object({
      appId: RequiredText(32).refine((s) => /^\d{8,32}$/.test(s), 'digits only'),
      gatewayUrl: HttpUrl,
      notifyUrl: HttpUrl,
      privateKey: Pem,
      alipayPublicKey: Pem,
      enabled: z.boolean().default(true),
      confirmPassword: ConfirmPassword,
    }),
    output: GatewayView,
  }),
  'payments.setGatewayEnabled': procedure({
    kind: 'command', access: ADMIN, at: 'hub', proof: 'confirmPassword',
    summary: 'Turn online payment off (no new QR orders; the keys are kept; orders already made are still confirmed) or on again. NOT_FOUND when no gateway is set.',
    input: z.object({ enabled: z.boolean(), confirmPassword: ConfirmPassword }),
    output: GatewayView,
  }),
} as const;
