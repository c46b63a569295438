import type { Locale } from '../../../shared/i18n/locales';
import { catalogOf } from './catalog-loader';

/**
 * The renderer's stand-in for shared/i18n/catalog-source.ts (electron.vite.config.ts
 * aliases it): the languages loaded so far. The shared checks' English
 * fallback text (`message`) then comes out as the message id for a language
 * not loaded; the window shows `msg`, in the language it is shown in.
 */
export function catalogFor(locale: Locale): Readonly<Record<string, string>> | undefined {
  return catalogOf(locale);
}
