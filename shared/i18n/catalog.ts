import en from './catalog-en';
import ko from './catalog-ko';
import type { Locale } from './locales';

export { LOCALES, localeFor, type Locale } from './locales';

export type MessageId = keyof typeof en;

/**
 * Every message in every language, by id, for the core and the tests. Split
 * by owner (ui, patterns, errors, explore) so each file stays readable; the
 * renderer loads one language's module at a time instead.
 */
export const CATALOGS: Record<Locale, Record<MessageId, string>> = { en, ko };
