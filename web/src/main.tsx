import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles.css';

// `?lang=fr` before the hash (a link from the CLI or the server's start-up message) moves into the route's query.
const lang = new URLSearchParams(window.location.search).get('lang');
if (lang && !window.location.hash.includes('lang=')) {
  const hash = window.location.hash || '#/';
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${hash}${hash.includes('?') ? '&' : '?'}lang=${lang}`,
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
