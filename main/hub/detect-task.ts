/** Storing what detection found (main/hub/detect.ts): a task per key, opened again when found again, resolved when gone. */
import type { DetectionStore, ReviewTask } from './store';

/** `details` null: the problem is gone, so an open task under the key is marked resolved. */
export async function setTask(store: DetectionStore, key: string, kind: ReviewTask['kind'], details: Record<string, unknown> | null, now: number): Promise<void> {
  const existing = await store.getTask(key);
  if (details) {
    await store.putTask({ key, kind, details, createdAt: existing?.createdAt ?? now, updatedAt: now, resolvedAt: null });
  } else if (existing && existing.resolvedAt === null) {
    await store.putTask({ ...existing, updatedAt: now, resolvedAt: now });
  }
}
