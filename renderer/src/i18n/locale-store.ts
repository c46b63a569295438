import { create } from 'zustand';
import { loadCatalog } from './catalog-loader';
import { localeFor, LOCALES, type Locale } from '../../../shared/i18n/locales';

type Choice = 'system' | Locale;

interface LocaleStore {
  choice: Choice;
  locale: Locale;
  /** What the OS asks for, shown beside "System" in the picker. */
  system: Locale;
  setChoice(choice: Choice): void;
}

const KEY = 'rpi.locale';
const systemLocale = (): Locale => localeFor(typeof navigator === 'undefined' ? undefined : navigator.language);
const saved = localStorage.getItem(KEY);
const stored: Choice = saved === 'system' || (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Choice) : 'system';

const resolve = (choice: Choice): Locale => (choice === 'system' ? systemLocale() : choice);

/** The app's language: the OS's (Korean for ko*, English otherwise) until the user picks one, which is remembered. */
export const useLocaleStore = create<LocaleStore>((set) => ({
  choice: stored,
  locale: resolve(stored),
  system: systemLocale(),
  setChoice(choice) {
    localStorage.setItem(KEY, choice);
    const locale = resolve(choice);
    // The picker shows the choice at once; the words change once that language's messages are loaded (a few ms, once).
    set({ choice });
    void loadCatalog(locale).then(() => {
      if (useLocaleStore.getState().choice === choice) set({ locale });
    });
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('languagechange', () => {
    const { choice } = useLocaleStore.getState();
    const locale = resolve(choice);
    void loadCatalog(locale).then(() => useLocaleStore.setState({ locale, system: systemLocale() }));
  });
}
