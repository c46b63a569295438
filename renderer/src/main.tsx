import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostGate } from './components/HostGate';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostGate>
      <App />
    </HostGate>
  </StrictMode>,
);
