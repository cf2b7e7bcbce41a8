/** Small zod pieces that many procedures share, so a field means the same everywhere. */
import { z } from 'zod';
import { DICTIONARY_CODE, PAYMENT_METHODS, ROLES, SEXES } from '../domain/enums';

export const Id = z.uuid();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** A UTC instant, ms since the epoch. */
export const Instant = z.number().int().nonnegative();
/** Money in integer fen. */
export const Fen = z.number().int().nonnegative().max(1_000_000_000_00);
export const Role = z.enum(ROLES);
export const Sex = z.enum(SEXES);
/** The built-in payment methods (the clinic's switches in settings). */
export const PaymentMethodBuiltIn = z.enum(PAYMENT_METHODS);
/**
 * A payment method's code: a built-in one (PAYMENT_METHODS) or a payment_method entry of the data
 * dictionary; the station checks it against the dictionary (VALIDATION {field: 'method'}).
 */
export const PaymentMethod = z.string().regex(DICTIONARY_CODE, 'a payment method code');
export const Text = (max = 200) => z.string().trim().max(max);
export const RequiredText = (max = 200) => z.string().trim().min(1).max(max);
export const Page = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
export const Ok = z.object({ ok: z.literal(true) });
