/**
 * fast-check arbitraries derived from a procedure's zod input schema: values of the right shape
 * with random contents (random ids, strings, numbers, sometimes out of range), mixed with junk.
 * They reach past validation into the services, where refusals must still write nothing.
 */
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  in?: z.ZodType;
  format?: string;
}

const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.integer(), { maxLength: 3 }));

export function shapedArbitrary(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const d = def(schema);
  switch (d.type) {
    case 'object': {
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(d.shape ?? {})) fields[k] = shapedArbitrary(v, depth + 1);
      return fc.record(fields, { requiredKeys: [] });
    }
    case 'string':
      if (d.format === 'uuid') return fc.oneof(fc.uuid({ version: 7 }), fc.string({ maxLength: 40 }));
      return fc.oneof(isoDate, fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9]{0,18}[0-9X]?$/), fc.constantFrom('张三', 'zs', '13800138000', '', ' '));
    case 'number':
    case 'int':
      return fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.integer(), fc.double());
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.oneof(fc.constantFrom(...Object.values(d.entries ?? { x: 'x' })), fc.string({ maxLength: 8 }));
    case 'literal':
      return fc.constantFrom(...(d.values ?? [null]));
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(shapedArbitrary(d.element!, depth + 1), { maxLength: 4 });
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return fc.oneof(fc.constant(undefined), shapedArbitrary(d.innerType!, depth + 1));
    case 'pipe':
      return shapedArbitrary(d.in!, depth + 1);
    case 'union':
      return fc.oneof(...(d.options ?? []).map((o) => shapedArbitrary(o, depth + 1)));
    default:
      return junk;
  }
}

/** Shaped values most of the time, plain junk (wrong types, nulls, arrays) some of the time. */
export function inputArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: shapedArbitrary(schema) }, { weight: 1, arbitrary: junk });
}
