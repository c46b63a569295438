import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostGate } from './components/HostGate';
import { I18nProvider } from './i18n/I18nProvider';
import { loadCatalog } from './i18n/catalog-loader';
import { useLocaleStore } from './i18n/locale-store';
import './styles.css';

// The shown language's messages first: every word of the first screen comes from them.
void loadCatalog(useLocaleStore.getState().locale).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <HostGate>
          <App />
        </HostGate>
      </I18nProvider>
    </StrictMode>,
  ),
);
