import '@ajimi/core/browser/zod-without-eval'; // before anything parses: no eval under the CSP
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AuthModeGate } from './auth/AuthModeGate';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element in index.html');

createRoot(container).render(
  <StrictMode>
    <AuthModeGate>
      <App />
    </AuthModeGate>
  </StrictMode>,
);
