// The web app's entry: the NL Design System styles with the open voorbeeld theme, then the app.
import '@utrecht/component-library-css/dist/index.css';
import '@utrecht/component-library-css/dist/html.css';
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { startAuth } from './auth.js';
import { applyLanguage } from './i18n.js';

applyLanguage();
startAuth();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
