import { createTheme, darken, DEFAULT_THEME, luminance, Modal, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  // Shade 9 keeps white text on filled teal buttons at 5:1 (WCAG AA asks 4.5:1).
  primaryShade: { light: 9, dark: 8 },
  fontFamily: 'var(--clinic-font)',
  headings: { fontFamily: 'var(--clinic-font)' },
  defaultRadius: 'sm',
  // A workstation (or a test browser) set to reduce motion gets no fades or slides: a notification
  // is there or not, never half transparent.
  respectReducedMotion: true,
  components: {
    // A dialog opens on its first field, not on its close button: the close button is no Tab stop
    // (Escape closes, as does a click); the first field then is the first element focus lands on.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { tabIndex: -1 } } }),
  },
});

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** `color`, darkened just enough to read at 4.6:1 on `bg` (a hair above AA, for rounding). */
export function readableOn(color: string, bg: string): string {
  let c = color;
  for (let amount = 0.05; contrast(c, bg) < 4.6 && amount <= 0.8; amount += 0.05) c = darken(color, amount);
  return c;
}

/**
 * Colours as text stay readable in the light scheme: Mantine's dimmed grey (3.3:1 on white),
 * the shade-9 text of light badges and buttons on their shade-1/2 background (orange, yellow,
 * green, teal fall short), coloured text, white on filled orange/yellow/green/lime (also when
 * hovered), and field errors.
 */
export const cssVariables: CSSVariablesResolver = () => {
  // Field errors: Mantine's red 6 is 3.3:1 on white.
  const light: Record<string, string> = {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': readableOn(DEFAULT_THEME.colors.red[7], '#ffffff'),
  };
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    const deep = shades[9];
    light[`--mantine-color-${name}-light-color`] = readableOn(deep, shades[2]);
    light[`--mantine-color-${name}-text`] = readableOn(deep, '#f1f3f5');
    light[`--mantine-color-${name}-filled`] = readableOn(deep, '#ffffff');
    // A hovered button keeps its white text readable too (hover is darker, never lighter).
    light[`--mantine-color-${name}-filled-hover`] = readableOn(darken(deep, 0.1), '#ffffff');
  }
  return { variables: {}, light, dark: {} };
};
