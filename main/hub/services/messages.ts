/**
 * Messages to patients (messages.*), at the hub's outbox (main/hub/messages/store.ts): the
 * admin's list and provider keys (audited; the keys themselves are never answered), the front
 * desk's call list and opt-outs. Without a hub store they answer HUB_UNREACHABLE.
 */
import type { messagesProcedures } from '../../api/procedures/messages';
import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../../station/context';
import { accountOf } from '../../station/context';
import { afterCommit, withPreStep, type HandlersFor } from '../../station/handler';
import { loadActivePatient } from '../../station/services/patients';
import type { SmsProvider } from '../messages/send';
import { OutboxStore, type MessageRow, type ProviderRow } from '../messages/store';
import { MAX_TEXT_CHARS, SAMPLE_VARIABLES, templateSetProblems } from '../messages/template-rules';
import { MESSAGE_KINDS, TEMPLATE_VARIABLES } from '../messages/templates';
import { hubStoreOf } from './hub-context';

export function outboxOf(ctx: Pick<RequestContext, 'hub' | 'procedure'>): OutboxStore {
  return new OutboxStore(hubStoreOf(ctx, 'messages to patients are kept').hubOnly);
}

const view = (m: MessageRow) => ({
  id: m.id, kind: m.kind, patientId: m.patientId, patientName: m.patientName, phone: m.phone, language: m.language, body: m.body, day: m.day,
  status: m.status, attempts: m.attempts, reason: m.reason, createdAt: m.createdAt, sentAt: m.sentAt, calledAt: m.calledAt,
});

/** A key id with all but its last 4 characters masked. */
export function maskKey(id: string): string {
  return id.length <= 4 ? '••••' : `${'•'.repeat(Math.min(8, id.length - 4))}${id.slice(-4)}`;
}

const PROVIDER_KEY_ID = { tencent: 'secretId', aliyun: 'accessKeyId' } as const;

function providerView(p: ProviderRow | undefined) {
  if (!p || (p.provider !== 'tencent' && p.provider !== 'aliyun')) return null;
  const provider: SmsProvider = p.provider;
  const templates = Object.fromEntries(Object.entries(p.keys).filter(([k]) => k.startsWith('template.')).map(([k, v]) => [k.slice('template.'.length), v]));
  return {
    provider, keyHint: maskKey(p.keys[PROVIDER_KEY_ID[provider]] ?? ''), signName: p.keys['signName'] ?? '', templates,
    updatedAt: p.updatedAt, lastError: p.lastError, lastErrorAt: p.lastErrorAt,
  };
}

export const messagesHandlers = {
  'messages.list': (ctx, { day }) => {
    const outbox = outboxOf(ctx);
    return afterCommit(async () => {
      const [messages, p] = await Promise.all([outbox.list(day !== undefined ? { day } : {}), outbox.provider()]);
      return {
        messages: messages.map(view),
        provider: providerView(p),
      };
    });
  },
  'messages.setProvider': (ctx, { provider, templates, confirmPassword: _proof, ...keys }) => {
    const outbox = outboxOf(ctx);
    ctx.audit('update', 'sms_provider', provider, null);
    const at = ctx.now();
    const flat: Record<string, string> = { ...Object.fromEntries(Object.entries(keys).filter((e): e is [string, string] => typeof e[1] === 'string')) };
    for (const [kind, id] of Object.entries(templates)) flat[`template.${kind}`] = id;
    return afterCommit(async () => {
      await outbox.setProvider(provider, flat, at);
      return { ok: true as const };
    });
  },
  'messages.templates': (ctx) => {
    const outbox = outboxOf(ctx);
    return afterCommit(async () => {
      const [{ set, updatedAt }, p] = await Promise.all([outbox.templates.current(), outbox.provider()]);
      const state = providerView(p);
      return {
        templates: set, custom: updatedAt !== null, updatedAt, variables: [...TEMPLATE_VARIABLES], sample: SAMPLE_VARIABLES, maxChars: MAX_TEXT_CHARS,
        provider: state?.provider ?? null, codes: state?.templates ?? {}, kinds: [...MESSAGE_KINDS],
      };
    });
  },
  'messages.saveTemplates': withPreStep(
    // Checked against the provider set now (its variables' style) before anything is written: every problem at once.
    async (pre, { templates }) => {
      const p = await outboxOf(pre).provider();
      const provider = p?.provider === 'aliyun' || p?.provider === 'tencent' ? p.provider : null;
      const problems = templateSetProblems(templates, provider);
      if (problems.length > 0) {
        throw new DomainError('VALIDATION', `${problems.length} problem(s) in the message texts`, { field: problems[0]!.field, problems });
      }
    },
    (ctx, { templates }) => {
      const outbox = outboxOf(ctx);
      ctx.audit('update', 'message_templates', 'all', null);
      const by = accountOf(ctx).id;
      const at = ctx.now();
      return afterCommit(async () => {
        await outbox.templates.save(templates, by, at);
        return { ok: true as const };
      });
    },
  ),
  'messages.resetTemplates': (ctx) => {
    const outbox = outboxOf(ctx);
    ctx.audit('update', 'message_templates', 'standard', null);
    return afterCommit(async () => {
      await outbox.templates.reset();
      return { ok: true as const };
    });
  },
  'messages.callList': (ctx, { day }) => {
    const outbox = outboxOf(ctx);
    return afterCommit(async () => ({ messages: (await outbox.list({ day, statuses: ['queued', 'failed', 'called'] })).map(view) }));
  },
  'messages.markCalled': (ctx, { id }) => {
    const outbox = outboxOf(ctx);
    const by = accountOf(ctx).id;
    const at = ctx.now();
    return afterCommit(async () => {
      if (!(await outbox.markCalled(id, by, at))) throw new DomainError('NOT_FOUND', 'no such message on the call list', { field: 'id' });
      return { ok: true as const };
    });
  },
  'messages.preference': (ctx, { patientId }) => {
    const outbox = outboxOf(ctx);
    loadActivePatient(ctx, patientId, 'patientId');
    return afterCommit(async () => {
      const p = await outbox.preference(patientId);
      return p ?? { optedOut: false, language: 'zh-CN' as const, updatedAt: null };
    });
  },
  'messages.setPreference': (ctx, { patientId, optedOut, language }) => {
    const outbox = outboxOf(ctx);
    loadActivePatient(ctx, patientId, 'patientId');
    ctx.audit('update', 'patient_messaging', patientId, patientId);
    const at = ctx.now();
    return afterCommit(async () => {
      await outbox.setPreference(patientId, optedOut, language, at);
      return { ok: true as const };
    });
  },
} satisfies HandlersFor<typeof messagesProcedures>;
