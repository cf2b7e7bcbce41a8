import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast, cssVariables, readableOn, theme } from './theme';

describe('colours read at WCAG AA', () => {
  it('darkens a colour only as much as it needs', () => {
    expect(readableOn('#000000', '#ffffff')).toBe('#000000');
    expect(contrast(readableOn('#e67700', '#fff3bf'), '#fff3bf')).toBeGreaterThanOrEqual(4.5);
  });

  it('gives every colour’s light variant, text and filled background 4.5:1 or more', () => {
    const light = cssVariables({ ...DEFAULT_THEME, ...theme } as never).light;
    const short = Object.entries(DEFAULT_THEME.colors).flatMap(([name, s]) => [
      contrast(light[`--mantine-color-${name}-light-color`]!, s[1]) < 4.5 ? `${name} light` : null,
      contrast(light[`--mantine-color-${name}-text`]!, '#ffffff') < 4.5 ? `${name} text` : null,
      contrast(light[`--mantine-color-${name}-filled`]!, '#ffffff') < 4.5 ? `${name} filled` : null,
      contrast(light[`--mantine-color-${name}-filled-hover`]!, '#ffffff') < 4.5 ? `${name} filled hover` : null,
    ]).filter(Boolean);
    expect(contrast(light['--mantine-color-error']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(short).toEqual([]);
    expect(contrast(light['--mantine-color-dimmed']!, '#f8f9fa')).toBeGreaterThanOrEqual(4.5);
  });
});
