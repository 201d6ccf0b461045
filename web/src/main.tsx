import '@mantine/core/styles.css';
import './app.css';
import { Badge, createTheme, DEFAULT_THEME, MantineProvider, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './app/ErrorBoundary';
import { Shell } from './app/Shell';
import { I18nProvider } from './i18n';
import { SessionGate } from './session/Session';

/** A palette whose darkest shade is replaced: Mantine's green.9 and orange.9 give white text only 4.3:1. */
function darkest(name: 'green' | 'orange', shade9: string): MantineColorsTuple {
  return [...DEFAULT_THEME.colors[name].slice(0, 9), shade9] as unknown as MantineColorsTuple;
}

// Shade 8 of the primary colour under white text keeps buttons and links above 4.5:1 contrast, as
// the darkened green and orange do for badges (WCAG AA; the browser tests measure it).
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'sm',
  colors: { green: darkest('green', '#2f7d3a'), orange: darkest('orange', '#c2410c') },
  // A status in a narrow table column is shown whole, not cut to "HOÀN TH…".
  components: { Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }) },
});

/**
 * Mantine's error red (red.6), dimmed grey (gray.6) and placeholder grey reach only 2–3.3:1 on white:
 * darker ones keep descriptions, error messages and placeholders readable (at least 4.5:1).
 */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': '#6c757d',
  },
  dark: {},
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} forceColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <ErrorBoundary>
        <I18nProvider>
          <SessionGate>
            <Shell />
          </SessionGate>
        </I18nProvider>
      </ErrorBoundary>
    </MantineProvider>
  </StrictMode>,
);
