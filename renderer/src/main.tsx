import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app.view';
import { connectStation } from './bridge/station-api';
import { LocaleProvider } from './i18n/locale.context';
import { StationStateProvider } from './state/station-state.context';
import './styles.css';

// zod compiles object parsers with `new Function` unless told not to; the CSP has no 'unsafe-eval' and would log a
// violation on the first parse.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

const station = connectStation();
createRoot(container).render(
  <StrictMode>
    <StationStateProvider station={station}>
      <LocaleProvider>
        <App connection={station} />
      </LocaleProvider>
    </StationStateProvider>
  </StrictMode>,
);
