import { useEffect, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { catalogOf } from './catalog-loader';
import { useLocaleStore } from './locale-store';

/**
 * Formats every message in the current language. Switching language
 * re-renders the whole tree from the same stores, so the open run, past
 * steps included, is shown in the new language without being reloaded.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useLocaleStore((s) => s.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    // Loaded before the first render and before a switch takes effect (see locale-store), so never undefined here.
    <IntlProvider locale={locale} messages={catalogOf(locale)} defaultLocale="en" onError={reportMissing}>
      {children}
    </IntlProvider>
  );
}

/** A missing id is a bug the catalog test should have caught: say so in the console, never crash the view. */
function reportMissing(err: { code?: string; message: string }): void {
  if (err.code !== 'MISSING_TRANSLATION') console.error(err.message);
  else console.warn(err.message);
}
