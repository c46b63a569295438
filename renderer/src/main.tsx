import { StrictMode } from 'react';
import { call } from './api/client';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostGate } from './components/HostGate';
import { I18nProvider } from './i18n/I18nProvider';
import { loadCatalog } from './i18n/catalog-loader';
import { useLocaleStore } from './i18n/locale-store';
import type { Locale } from '../../shared/i18n/locales';
import './styles.css';

/** The host draws the desktop app's native menu itself: it is told the language the renderer shows. Web mode has no menu; a host not yet reachable is told on the next switch. */
const tellHost = (locale: Locale) => void call('app.language', { locale }).catch(() => {});

// The shown language's messages first: every word of the first screen comes from them.
void loadCatalog(useLocaleStore.getState().locale).then(() => {
  tellHost(useLocaleStore.getState().locale);
  useLocaleStore.subscribe((state, before) => {
    if (state.locale !== before.locale) tellHost(state.locale);
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <HostGate>
          <App />
        </HostGate>
      </I18nProvider>
    </StrictMode>,
  );
});
