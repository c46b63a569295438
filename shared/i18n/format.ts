import { IntlMessageFormat } from 'intl-messageformat';
import { catalogFor } from './catalog-source';
import type { Locale } from './locales';
import { flatValues, type Message } from './message';
import { pickParticles } from './particles';

/**
 * A Message as finished text in one language, outside React: the core's
 * English fallback for logs and error messages, and the tests' readable
 * assertions. The renderer formats with react-intl instead (same catalogs).
 */
export function formatMessage(m: Message, locale: Locale = 'en'): string {
  const source = catalogFor(locale)?.[m.id];
  if (source === undefined) return m.id;
  const text = String(new IntlMessageFormat(source, locale).format(flatValues(m.values, (inner) => formatMessage(inner, locale))));
  return locale === 'ko' ? pickParticles(text) : text;
}
