/** Message trees: every area is written in both languages side by side, with the same keys. */
export type Tree = { readonly [key: string]: string | Tree };

/** The same keys as T, any strings. */
export type SameShape<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> };

export interface Area<T extends Tree> {
  zh: T;
  en: SameShape<T>;
}

export function area<const T extends Tree>(zh: T, en: SameShape<T>): Area<T> {
  return { zh, en };
}

/** Every dotted key of a tree (for the parity test). */
export function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keysOf(v, `${prefix}${k}.`)));
}
