/**
 * Patient accounts: open one (oneself, or an existing record with the desk's activation code),
 * log in and out (here and everywhere), the account and its family members. Passwords follow
 * the clinic policy and are hashed with argon2id off the event loop; wrong passwords and wrong
 * codes are throttled and every refusal goes to the hub's refusal channel (audited).
 */
import { randomBytes } from 'node:crypto';
import { checkPasswordStrength } from '../../domain/password';
import { DomainError } from '../../domain/errors';
import { isMobile, normalizePhone } from '../../domain/phone';
import { hashPasswordAsync, verifyPasswordAsync } from '../../station/password';
import { loadPatient } from '../../station/services/patients';
import type { PortalContext, PortalHandlers } from './context';
import { accountView, checkMember, linkMember, memberIds } from './members';
import { normalizeActivationCode, PORTAL_SESSION_MS } from './policy';
import { secretHash } from './store';

type AccountHandlers = Pick<PortalHandlers, 'portal.register' | 'portal.activate' | 'portal.login' | 'portal.logout' | 'portal.logoutEverywhere' | 'portal.me' | 'portal.addMember'>;

/** A mobile number in its stored form; INVALID_PHONE {field: 'phone'}. */
function accountPhone(input: string): string {
  let phone: string;
  try {
    phone = normalizePhone(input);
  } catch {
    throw new DomainError('INVALID_PHONE', 'a mobile phone number is needed', { field: 'phone' });
  }
  if (!isMobile(phone)) throw new DomainError('INVALID_PHONE', 'a mobile phone number is needed', { field: 'phone' });
  return phone;
}

function strongPassword(pw: string): void {
  try {
    checkPasswordStrength(pw);
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError(err.code, err.message, { field: 'password', ...err.details });
    throw err;
  }
}

async function startSession(ctx: PortalContext, accountId: string): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = ctx.now() + PORTAL_SESSION_MS;
  await ctx.portal.startSession(secretHash(token), accountId, ctx.now(), expiresAt);
  ctx.session = { token, expiresAt };
}

/** Claims the phone for a new account (CONFLICT {field: 'phone', reason: 'phone_taken'}). */
async function claimPhone(ctx: PortalContext, phone: string, password: string): Promise<string> {
  const id = crypto.randomUUID();
  if (!(await ctx.portal.createAccount(id, phone, await hashPasswordAsync(password), ctx.now()))) {
    throw new DomainError('CONFLICT', 'this phone number already has an account: log in instead', { field: 'phone', reason: 'phone_taken' });
  }
  return id;
}

/** A hash to verify against when the phone has no account, so both take as long. */
let decoy: Promise<string> | null = null;

function refuseCode(ctx: PortalContext, reason: string): never {
  ctx.throttles.codes.failed(ctx.source, ctx.now());
  ctx.throttles.codesEverywhere.failed('all', ctx.now());
  ctx.refuse({ kind: 'web', device: 'portal', accountId: null, subject: 'activation code', code: 'BAD_ACTIVATION_CODE', reason, source: ctx.source });
  throw new DomainError('BAD_ACTIVATION_CODE', 'wrong or expired activation code: ask the front desk for a new one', { field: 'code' });
}

function throttled(ctx: PortalContext, subject: string, until: number, kind: 'login' | 'web'): never {
  ctx.refuse({ kind, device: 'portal', accountId: null, subject, code: 'TOO_MANY_ATTEMPTS', reason: `too many failures: held back until ${new Date(until).toISOString()}`, source: ctx.source });
  throw new DomainError('TOO_MANY_ATTEMPTS', 'too many failed tries: wait a minute', { until });
}

export const accountHandlers: AccountHandlers = {
  'portal.register': async (ctx, input) => {
    const phone = accountPhone(input.phone);
    strongPassword(input.password);
    const checked = checkMember(ctx, { name: input.name, idNumber: input.idNumber });
    const accountId = await claimPhone(ctx, phone, input.password);
    try {
      await linkMember(ctx, accountId, checked, true, phone);
    } catch (err) {
      await ctx.portal.dropAccount(accountId);
      throw err;
    }
    await startSession(ctx, accountId);
    return accountView(ctx, accountId);
  },

  'portal.activate': async (ctx, input) => {
    const until = ctx.throttles.codes.blockedUntil(ctx.source, ctx.now()) ?? ctx.throttles.codesEverywhere.blockedUntil('all', ctx.now());
    if (until !== null) throttled(ctx, 'activation code', until, 'web');
    const code = normalizeActivationCode(input.code);
    if (code === null) refuseCode(ctx, 'not an activation code');
    const phone = accountPhone(input.phone);
    strongPassword(input.password);
    const patientId = await ctx.portal.useActivationCode(secretHash(code), ctx.now());
    if (patientId === undefined) refuseCode(ctx, 'unknown, used or expired activation code');
    ctx.throttles.codes.succeeded(ctx.source);
    let accountId: string;
    try {
      accountId = await claimPhone(ctx, phone, input.password);
    } catch (err) {
      await ctx.portal.releaseActivationCode(secretHash(code));
      throw err;
    }
    await ctx.portal.addMember(accountId, patientId, true, false, ctx.now());
    await startSession(ctx, accountId);
    return accountView(ctx, accountId);
  },

  'portal.login': async (ctx, input) => {
    let phone: string;
    try {
      phone = accountPhone(input.phone);
    } catch {
      phone = input.phone.slice(0, 40);
    }
    const now = ctx.now();
    const until = ctx.throttles.login.blockedUntil(`phone:${phone}`, now) ?? ctx.throttles.login.blockedUntil(`addr:${ctx.source}`, now);
    if (until !== null) throttled(ctx, `log-in of ${phone}`, until, 'login');
    const account = await ctx.portal.accountByPhone(phone);
    decoy ??= hashPasswordAsync(randomBytes(16).toString('hex'));
    const ok = await verifyPasswordAsync(input.password, account?.passwordHash ?? await decoy);
    if (!account || !ok) {
      ctx.throttles.login.failed(`phone:${phone}`, now);
      ctx.throttles.login.failed(`addr:${ctx.source}`, now);
      ctx.refuse({ kind: 'login', device: 'portal', accountId: account?.id ?? null, subject: `log-in of ${phone}`, code: 'BAD_CREDENTIALS', reason: 'wrong phone number or password', source: ctx.source });
      throw new DomainError('BAD_CREDENTIALS', 'wrong phone number or password');
    }
    ctx.throttles.login.succeeded(`phone:${phone}`);
    await startSession(ctx, account.id);
    return accountView(ctx, account.id);
  },

  'portal.logout': async (ctx) => {
    if (ctx.sessionHash) await ctx.portal.endSession(ctx.sessionHash);
    ctx.session = 'end';
    return { ok: true as const };
  },

  'portal.logoutEverywhere': async (ctx) => {
    const ended = await ctx.portal.endAllSessions(ctx.accountId!);
    ctx.session = 'end';
    return { ended };
  },

  'portal.me': async (ctx) => accountView(ctx, ctx.accountId!),

  'portal.addMember': async (ctx, input) => {
    const accountId = ctx.accountId!;
    const checked = checkMember(ctx, input);
    if (checked.existing !== null && (await memberIds(ctx, accountId)).has(checked.existing)) {
      throw new DomainError('ALREADY_EXISTS', 'this person is already on the account', { field: 'idNumber' });
    }
    const id = await linkMember(ctx, accountId, checked, false, null);
    loadPatient({ db: ctx.admin.station.db }, id, 'memberId');
    return accountView(ctx, accountId);
  },
};
