import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { i18nReady } from './ui/i18n/i18n';
import { Providers } from './app/providers';
import { router } from './app/router';

// The first language's texts come first (a chunk of their own): nothing renders untranslated.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  ),
);
