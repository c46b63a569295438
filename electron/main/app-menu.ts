import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/menu-commands';
import { formatMessage } from '../../shared/i18n/format';
import type { Locale } from '../../shared/i18n/locales';
import { msg } from '../../shared/i18n/message';

export interface MenuActions {
  /** Sends a command to the renderer, which acts on it only if its target is on screen. */
  send(command: MenuCommand): void;
  openLogsFolder(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and developer tools only in an unpackaged (developer) run. */
  isPackaged: boolean;
  /** The renderer's language: the menu's own words are in it (the standard roles' words are Electron's, in the system's). */
  locale: Locale;
  actions: MenuActions;
}

/**
 * Step, Run/Pause and Reset are single keys. A menu accelerator without a
 * modifier would swallow that key everywhere, also while typing "n" into the
 * host field, so the renderer keeps handling the keys (it skips fields) and
 * the menu only shows them: registerAccelerator: false on Linux and Windows.
 * macOS has no such option, so there the menu omits them; the tooltips and
 * the README still name the keys.
 */
function singleKey(platform: NodeJS.Platform, key: string): Pick<MenuItemConstructorOptions, 'accelerator' | 'registerAccelerator'> {
  return platform === 'darwin' ? {} : { accelerator: key, registerAccelerator: false };
}

/**
 * The application menu. Standard roles give copy, paste and select-all in
 * every field on every platform (on macOS they only work when a menu has
 * them), window handling, zoom and full screen. View → Language switches
 * the renderer's language as the status bar does; it and each language are
 * named in both languages, so they can be found whatever the current one is.
 */
export function appMenuTemplate({ platform, appName, isPackaged, locale, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const t = (id: string) => formatMessage(msg(id), locale);
  const send = (command: MenuCommand) => () => actions.send(command);
  const developer: MenuItemConstructorOptions[] = isPackaged ? [] : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];
  return [
    ...(mac ? [{ role: 'appMenu', label: appName } satisfies MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: t('menu.view'),
      submenu: [
        { id: 'view-pattern', label: t('menu.patterns'), accelerator: 'CmdOrCtrl+1', click: send({ command: 'show-view', view: 'pattern' }) },
        { id: 'view-browser', label: t('menu.keyBrowser'), accelerator: 'CmdOrCtrl+2', click: send({ command: 'show-view', view: 'browser' }) },
        { type: 'separator' },
        {
          label: t('menu.theme'),
          submenu: [
            { id: 'theme-dark', label: t('menu.theme.dark'), click: send({ command: 'set-theme', theme: 'dark' }) },
            { id: 'theme-light', label: t('menu.theme.light'), click: send({ command: 'set-theme', theme: 'light' }) },
            { id: 'theme-system', label: t('menu.theme.system'), click: send({ command: 'set-theme', theme: 'system' }) },
          ],
        },
        {
          label: t('menu.language'),
          submenu: [
            { id: 'language-en', label: t('ui.language.en'), click: send({ command: 'set-language', language: 'en' }) },
            { id: 'language-ko', label: t('ui.language.ko'), click: send({ command: 'set-language', language: 'ko' }) },
            { id: 'language-system', label: t('menu.language.system'), click: send({ command: 'set-language', language: 'system' }) },
          ],
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...developer,
      ],
    },
    {
      label: t('menu.run'),
      submenu: [
        { id: 'run-step', label: t('menu.run.step'), ...singleKey(platform, 'N'), click: send({ command: 'step' }) },
        { id: 'run-toggle', label: t('menu.run.toggle'), ...singleKey(platform, 'Space'), click: send({ command: 'toggle-run' }) },
        { id: 'run-reset', label: t('menu.run.reset'), ...singleKey(platform, 'R'), click: send({ command: 'reset' }) },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { id: 'open-logs', label: t('menu.openLogs'), click: () => actions.openLogsFolder() },
        // macOS has About in the app menu; elsewhere the role shows the panel set by app.setAboutPanelOptions.
        ...(mac ? [] : [{ type: 'separator' } satisfies MenuItemConstructorOptions, { role: 'about' } satisfies MenuItemConstructorOptions]),
      ],
    },
  ];
}
