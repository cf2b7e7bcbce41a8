import { Drawer, MantineProvider, mergeThemeOverrides, Modal, Notification } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from './api/query';
import { Root } from './shell/Root';
import { cssVariables, theme } from './theme';

/** Close buttons (×) are named in the user's language, for screen readers. */
function useLocalTheme() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const close = { 'aria-label': t('common.action.close') };
    return mergeThemeOverrides(theme, {
      components: {
        Notification: Notification.extend({ defaultProps: { closeButtonProps: close } }),
        Modal: Modal.extend({ defaultProps: { closeButtonProps: close } }),
        Drawer: Drawer.extend({ defaultProps: { closeButtonProps: close } }),
      },
    });
  }, [t, i18n.language]); // the label changes with the language
}

export function App() {
  const localTheme = useLocalTheme();
  return (
    <MantineProvider theme={localTheme} cssVariablesResolver={cssVariables} defaultColorScheme="light">
      {/* Bottom centre: not over the action buttons at the bottom right of a form, nor over the top of the page. */}
      <Notifications position="bottom-center" limit={3} autoClose={4000} />
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </MantineProvider>
  );
}
