/** Vitest hooks the hub and sync tests share (kept apart from testing.ts, which the bench imports too). */
import { afterEach, beforeAll } from 'vitest';
import { PgliteStore } from '../hub/pglite-store';

/** A migrated hub's PGlite data dump, made once per test file; call the returned function inside tests. */
export function hubTemplate(): () => Blob | File {
  let template: Blob | File | undefined;
  beforeAll(async () => {
    template = await PgliteStore.template();
  });
  return () => {
    if (!template) throw new Error('hubTemplate(): used before beforeAll ran');
    return template;
  };
}

/** Cleanups a test registers, run after it, last registered first. */
export function cleanupsAfterEach(): (() => unknown)[] {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) await f();
  });
  return cleanups;
}
