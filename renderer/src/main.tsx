import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { detectTransport } from './api/client';
import './styles.css';
import './workspace.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
// Detect once, before the first render: reading the token also strips it from the address bar.
const transport = detectTransport();
createRoot(container).render(
  <StrictMode>
    <App transport={transport} />
  </StrictMode>,
);
