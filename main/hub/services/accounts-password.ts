/**
 * Changing one's own password runs at the hub (`at: 'hub'`): written there, the new hash replicates
 * to every desk, so every desk and the hub agree on it. The current password is checked off the
 * event loop before the transaction (a pre-step), and wrong ones count like log-in failures.
 */
import { eq } from 'drizzle-orm';
import type { ParsedInput } from '../../api/contract';
import type { accountProcedures } from '../../api/procedures/accounts';
import { DomainError } from '../../domain/errors';
import { checkPasswordStrength } from '../../domain/password';
import { accounts } from '../../../db/schema';
import { accountOf } from '../../station/context';
import { withPreStep, type HandlersFor } from '../../station/handler';
import { hashPasswordAsync } from '../../station/password';
import { assertMayTry } from '../../station/password-failures';
import { checkPassword, hashOf, wrongPasswordInSession, type PasswordVerdict } from '../../station/services/accounts';

export const accountPasswordHandlers = {
  'accounts.changePassword': withPreStep(
    async (pre, { currentPassword, newPassword }: ParsedInput<'accounts.changePassword'>) => {
      const me = pre.account;
      if (!me) throw new DomainError('UNAUTHENTICATED', 'log in first');
      const verdict = await checkPassword(pre, me.username, hashOf(pre.db, { id: me.id }), currentPassword);
      if (!verdict.ok) return { ...verdict, newHash: null };
      checkPasswordStrength(newPassword);
      return { ...verdict, newHash: await hashPasswordAsync(newPassword) };
    },
    (ctx, _input, verdict: PasswordVerdict & { newHash: string | null }) => {
      const me = accountOf(ctx);
      assertMayTry(ctx, ctx.source, me.username);
      const row = ctx.db.select().from(accounts).where(eq(accounts.id, me.id)).get();
      if (!row || !verdict.ok || verdict.newHash === null || row.passwordHash !== verdict.hash) {
        throw wrongPasswordInSession(ctx, me.username, new DomainError('BAD_CREDENTIALS', 'the current password is wrong', { field: 'currentPassword' }));
      }
      // Runs at the hub (`at: 'hub'`): written there, it replicates to every desk.
      ctx.write.update(accounts, me.id, { passwordHash: verdict.newHash });
      ctx.audit('update', 'accounts', me.id, null);
      return { ok: true as const };
    },
  ),
} satisfies Pick<HandlersFor<typeof accountProcedures>, 'accounts.changePassword'>;
