import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostGate } from './components/HostGate';
import { I18nProvider } from './i18n/I18nProvider';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <HostGate>
        <App />
      </HostGate>
    </I18nProvider>
  </StrictMode>,
);
