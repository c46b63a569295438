import type { Locale } from '../../shared/i18n/locales';
import type { AppInfo } from '../../shared/model';

export interface AppCoreOptions {
  dataDir: string;
  transport: AppInfo['transport'];
  version: string;
  pollIntervalMs?: number;
  /** How the sandbox server is tied to the app's life (default: setpriv on Linux, a watchdog elsewhere). */
  sandboxTether?: 'setpriv' | 'watchdog';
  /** Where to look for redis-server instead of PATH and the usual install dirs. */
  redisSearchPath?: string;
  /** Called with the renderer's language whenever it tells the host (the desktop app redraws its menu in it). */
  onLanguage?: (locale: Locale) => void;
}
