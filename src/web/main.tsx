import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { i18nReady } from './ui/i18n/i18n';
import { Providers } from './app/providers';
import { router } from './app/router';

// The first language's texts come first (a chunk of their own): nothing renders untranslated.
// A render that threw and was redone is reported by what it threw (React's own report names
// only "an error during concurrent rendering", minified in production).
const onRecoverableError = (error: unknown) =>
  reportError(error instanceof Error && error.cause instanceof Error ? error.cause : error);

void i18nReady.then(() =>
  createRoot(document.getElementById('root')!, { onRecoverableError }).render(
    <StrictMode>
      <Providers>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  ),
);
