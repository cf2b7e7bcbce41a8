import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'var(--clinic-font)',
  headings: { fontFamily: 'var(--clinic-font)' },
  defaultRadius: 'sm',
});
