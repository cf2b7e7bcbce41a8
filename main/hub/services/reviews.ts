/**
 * Review tasks (main/api/procedures/reviews.ts): the hub's stored tasks with both sides read
 * from its typed tables. They run where the hub's store is at hand (its admin station); anywhere
 * else `ctx.hub` is null and the answer is HUB_UNREACHABLE.
 */
import { HANDLEABLE_KINDS, type reviewsProcedures } from '../../api/procedures/reviews';
import { DomainError } from '../../domain/errors';
import type { HubStore } from '../store';
import { hubStoreOf } from './hub-context';
import { accountOf, type RequestContext } from '../../station/context';
import { afterCommit, type AfterCommit, type HandlersFor } from '../../station/handler';
import { clinicToday } from '../../station/services/patients-fields';
import { handledMark } from './reviews-money-views';
import { reviewView } from './reviews-views';

function onHub<T>(ctx: RequestContext, fn: (hub: HubStore, today: string) => Promise<T>): AfterCommit<T> {
  const hub = hubStoreOf(ctx, 'review tasks are kept');
  const today = clinicToday(ctx);
  return afterCommit(() => fn(hub, today));
}

export const reviewsHandlers = {
  'reviews.list': (ctx, { includeResolved, limit }) => onHub(ctx, async (hub, today) => {
    const tasks = await hub.tasks({ openOnly: !includeResolved });
    const openCount = tasks.filter((t) => t.resolvedAt === null).length;
    const items = [];
    for (const t of tasks.slice(0, limit)) items.push(await reviewView(hub, t, today));
    return { items, openCount };
  }),
  'reviews.get': (ctx, { key }) => onHub(ctx, async (hub, today) => {
    const task = await hub.getTask(key);
    if (!task) throw new DomainError('NOT_FOUND', 'no such review task', { field: 'key', key });
    return reviewView(hub, task, today);
  }),
  /**
   * The audit row is written in the command's transaction (as a print's is before the printer
   * answers); the task is marked at the hub after the commit.
   */
  'reviews.resolve': (ctx, { key, note }) => {
    hubStoreOf(ctx, 'review tasks are kept');
    if (!HANDLEABLE_KINDS.some((k) => key.startsWith(`${k}:`))) {
      throw new DomainError('CONFLICT', 'this task resolves itself once the hub sees the problem gone', { field: 'key', reason: 'resolves_itself', key });
    }
    const by = accountOf(ctx).id;
    const at = ctx.now();
    ctx.audit('update', 'review_task', key, null);
    return onHub(ctx, async (hub, today) => {
      const task = await hub.getTask(key);
      if (!task) throw new DomainError('NOT_FOUND', 'no such review task', { field: 'key', key });
      if (task.resolvedAt !== null) throw new DomainError('CONFLICT', 'the task is resolved already', { field: 'key', reason: 'already_resolved', resolvedAt: task.resolvedAt });
      const marked = { ...task, details: { ...task.details, handled: handledMark(task, { note, by, at }) }, updatedAt: at, resolvedAt: at };
      await hub.putTask(marked);
      return reviewView(hub, marked, today);
    });
  },
} satisfies HandlersFor<typeof reviewsProcedures>;
