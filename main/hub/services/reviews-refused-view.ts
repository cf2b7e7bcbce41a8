/** The review task of a change the hub refused (main/hub/server.ts): what came from which desk, and why. */
import type { ReviewTaskViewT } from '../../api/procedures/reviews';
import type { HubStore, ReviewTask } from '../store';
import { handledView } from './reviews-money-views';

type View = Extract<ReviewTaskViewT, { kind: 'refused_change' }>;
type Common = Pick<ReviewTaskViewT, 'key' | 'createdAt' | 'updatedAt' | 'resolvedAt'>;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export async function refusedChangeView(db: Pick<HubStore, 'query'>, task: ReviewTask, common: Common): Promise<View> {
  const d = task.details;
  return {
    ...common, kind: 'refused_change',
    device: text(d['device']), table: text(d['table']), rowId: text(d['rowId']), changeId: text(d['changeId']), op: text(d['op']),
    code: text(d['code']), reason: text(d['reason']), handled: await handledView(db, task),
  };
}
