import { useMemo, type ReactNode } from 'react';
import { CacheProvider } from '@emotion/react';
import createCache from '@emotion/cache';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import { enUS, faIR } from '@mui/material/locale';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { dirOf } from '../ui/i18n/i18n';
import { ApiError } from './api';
import { DisplayPrefsProvider } from './prefs';
import { ME_KEY, usePublicSettings } from './session';
import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/500.css';
import '@fontsource/vazirmatn/700.css';

export const queryClient = new QueryClient({
  // K11: once the workspace requires two-factor sign-in of someone already using the app, every
  // call answers two_factor_setup_required: asking /auth/me again lets the guard send them to set it up.
  queryCache: new QueryCache({
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'two_factor_setup_required')
        void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // 4xx answers will not change on retry.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

// One emotion cache per direction: the RTL one flips every left/right in MUI's styles.
const caches = {
  rtl: createCache({ key: 'muirtl', stylisPlugins: [prefixer, rtlPlugin] }),
  ltr: createCache({ key: 'muiltr', stylisPlugins: [prefixer] }),
};

function Themed({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const dir = dirOf(i18n.language);
  const theme = useMemo(
    () =>
      createTheme(
        {
          direction: dir,
          palette: {
            primary: { main: '#0b5cad' },
            secondary: { main: '#7b1fa2' },
            warning: { main: '#b45309' },
            success: { main: '#2e7d32' },
            // MUI's default info (#0288d1) is 3.9:1 under white chip text: darker, as warning and success.
            info: { main: '#0369a1' },
            background: { default: '#f5f6f8' },
          },
          typography: {
            fontFamily: 'Vazirmatn, "Segoe UI", Roboto, Tahoma, sans-serif',
            button: { textTransform: 'none' },
          },
          shape: { borderRadius: 8 },
          components: { MuiButton: { defaultProps: { disableElevation: true } } },
        },
        dir === 'rtl' ? faIR : enUS,
      ),
    [dir],
  );
  const settings = usePublicSettings();
  return (
    <CacheProvider value={caches[dir]}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <DisplayPrefsProvider
          workspaceDefault={settings.data?.persianDigits ?? true}
          timeZone={settings.data?.timeZone}
        >
          {children}
        </DisplayPrefsProvider>
      </ThemeProvider>
    </CacheProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Themed>{children}</Themed>
    </QueryClientProvider>
  );
}
