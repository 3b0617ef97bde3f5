import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

/** Draws the page over index.html's placeholder; React DOM arrives with this module, after the join has started. */
export function showPage(page: ReactElement): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App page={page} />
    </StrictMode>,
  );
}
