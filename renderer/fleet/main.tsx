import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { FleetApp } from './fleet-app.view';
import '../src/styles.css';
import './fleet.css';

// The hub's CSP has no 'unsafe-eval': zod must not compile parsers with `new Function`.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from fleet.html');

createRoot(container).render(
  <StrictMode>
    <FleetApp />
  </StrictMode>,
);
