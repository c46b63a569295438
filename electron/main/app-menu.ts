import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/menu-commands';

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
 * the renderer's language as the status bar does; each language is named in
 * itself, so it can be found whatever the current one is.
 */
export function appMenuTemplate({ platform, appName, isPackaged, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.send(command);
  const developer: MenuItemConstructorOptions[] = isPackaged ? [] : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];
  return [
    ...(mac ? [{ role: 'appMenu', label: appName } satisfies MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { id: 'view-pattern', label: 'Patterns', accelerator: 'CmdOrCtrl+1', click: send({ command: 'show-view', view: 'pattern' }) },
        { id: 'view-browser', label: 'Key browser', accelerator: 'CmdOrCtrl+2', click: send({ command: 'show-view', view: 'browser' }) },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: [
            { id: 'theme-dark', label: 'Dark', click: send({ command: 'set-theme', theme: 'dark' }) },
            { id: 'theme-light', label: 'Light', click: send({ command: 'set-theme', theme: 'light' }) },
            { id: 'theme-system', label: 'Follow the system', click: send({ command: 'set-theme', theme: 'system' }) },
          ],
        },
        {
          label: 'Language / 언어',
          submenu: [
            { id: 'language-en', label: 'English', click: send({ command: 'set-language', language: 'en' }) },
            { id: 'language-ko', label: '한국어', click: send({ command: 'set-language', language: 'ko' }) },
            { id: 'language-system', label: 'Follow the system / 시스템 설정', click: send({ command: 'set-language', language: 'system' }) },
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
      label: 'Run',
      submenu: [
        { id: 'run-step', label: 'Step', ...singleKey(platform, 'N'), click: send({ command: 'step' }) },
        { id: 'run-toggle', label: 'Run / Pause', ...singleKey(platform, 'Space'), click: send({ command: 'toggle-run' }) },
        { id: 'run-reset', label: 'Reset', ...singleKey(platform, 'R'), click: send({ command: 'reset' }) },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { id: 'open-logs', label: 'Open logs folder', click: () => actions.openLogsFolder() },
        // macOS has About in the app menu; elsewhere the role shows the panel set by app.setAboutPanelOptions.
        ...(mac ? [] : [{ type: 'separator' } satisfies MenuItemConstructorOptions, { role: 'about' } satisfies MenuItemConstructorOptions]),
      ],
    },
  ];
}
