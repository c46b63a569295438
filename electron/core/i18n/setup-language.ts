import type { Locale } from '../../../shared/i18n/locales';
import type { HandlerGroup } from '../handlers';

/**
 * The renderer's language, as it tells the host: the renderer formats its
 * own words, but the desktop app's native menu is drawn by the host, which
 * formats it in the language it was last told. Web mode has no menu and
 * passes no listener.
 */
export function setupLanguage(onLanguage?: (locale: Locale) => void): HandlerGroup<'app.language'> {
  return {
    'app.language': async ({ locale }) => {
      onLanguage?.(locale);
      return null;
    },
  };
}
