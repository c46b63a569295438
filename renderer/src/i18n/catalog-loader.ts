import type { Locale } from '../../../shared/i18n/locales';

type Catalog = Record<string, string>;

/**
 * Each language's messages as its own chunk: the window loads the one it
 * shows before its first render, and another only when the user switches
 * to it (both together were a third of the first screen's JavaScript).
 */
const loaders: Record<Locale, () => Promise<{ default: Catalog }>> = {
  en: () => import('../../../shared/i18n/catalog-en'),
  ko: () => import('../../../shared/i18n/catalog-ko'),
};
const loaded: Partial<Record<Locale, Catalog>> = {};
const loading: Partial<Record<Locale, Promise<Catalog>>> = {};

/** Loads a language's messages (once); resolves when they can be shown. */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  const done = loaded[locale];
  if (done) return Promise.resolve(done);
  return (loading[locale] ??= loaders[locale]().then((m) => (loaded[locale] = m.default)));
}

/** A language's messages if loaded (the shown language always is). */
export function catalogOf(locale: Locale): Catalog | undefined {
  return loaded[locale];
}
