import { CATALOGS } from './catalog';
import type { Locale } from './locales';

/**
 * Where formatMessage finds a language's messages. In Node (the core, the
 * tests) every language is here at once. The renderer's build puts
 * renderer/src/i18n/catalog-source.ts in this module's place (see
 * electron.vite.config.ts): there only the languages loaded so far, so the
 * first screen does not carry a language it does not show.
 */
export function catalogFor(locale: Locale): Readonly<Record<string, string>> | undefined {
  return CATALOGS[locale];
}
