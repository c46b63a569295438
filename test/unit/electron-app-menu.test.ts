import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from '../../electron/main/app-menu';
import type { Locale } from '../../shared/i18n/locales';

function build(platform: NodeJS.Platform, isPackaged = true, locale: Locale = 'en') {
  const actions = { send: vi.fn(), openLogsFolder: vi.fn() };
  return { actions, template: appMenuTemplate({ platform, appName: 'Redis Pattern Inspector', isPackaged, locale, actions }) };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}
const roles = (items: MenuItemConstructorOptions[]) => flatten(items).flatMap((i) => (i.role ? [i.role] : []));
const byId = (items: MenuItemConstructorOptions[], id: string) => flatten(items).find((i) => i.id === id)!;
const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('the application menu', () => {
  it('has the standard roles on every platform, editMenu for copy/paste/select-all included', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { template } = build(platform);
      expect(roles(template), platform).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'help', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    }
    expect(roles(build('darwin').template)[0]).toBe('appMenu');
    expect(roles(build('linux').template)).not.toContain('appMenu');
  });

  it('shows About in Help off macOS, where the app menu has it', () => {
    expect(roles(build('linux').template)).toContain('about');
    expect(roles(build('win32').template)).toContain('about');
    expect(roles(build('darwin').template)).not.toContain('about');
  });

  it('offers reload and developer tools only in a developer run', () => {
    expect(roles(build('linux', true).template)).not.toContain('toggleDevTools');
    expect(roles(build('linux', false).template)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('sends Step, Run/Pause, Reset, view, theme and language commands to the renderer', () => {
    const { template, actions } = build('linux');
    const expected: [string, unknown][] = [
      ['run-step', { command: 'step' }],
      ['run-toggle', { command: 'toggle-run' }],
      ['run-reset', { command: 'reset' }],
      ['view-pattern', { command: 'show-view', view: 'pattern' }],
      ['view-browser', { command: 'show-view', view: 'browser' }],
      ['theme-dark', { command: 'set-theme', theme: 'dark' }],
      ['theme-light', { command: 'set-theme', theme: 'light' }],
      ['theme-system', { command: 'set-theme', theme: 'system' }],
      ['language-en', { command: 'set-language', language: 'en' }],
      ['language-ko', { command: 'set-language', language: 'ko' }],
      ['language-system', { command: 'set-language', language: 'system' }],
    ];
    for (const [id, command] of expected) {
      actions.send.mockClear();
      click(byId(template, id));
      expect(actions.send, id).toHaveBeenCalledWith(command);
    }
    click(byId(template, 'open-logs'));
    expect(actions.openLogsFolder).toHaveBeenCalledOnce();
  });

  it('shows the single-key shortcuts without registering them, so typing in a field is never swallowed', () => {
    const { template } = build('linux');
    expect(byId(template, 'run-step')).toMatchObject({ accelerator: 'N', registerAccelerator: false });
    expect(byId(template, 'run-toggle')).toMatchObject({ accelerator: 'Space', registerAccelerator: false });
    expect(byId(template, 'run-reset')).toMatchObject({ accelerator: 'R', registerAccelerator: false });
    expect(byId(template, 'view-pattern').accelerator).toBe('CmdOrCtrl+1');
    expect(byId(template, 'view-browser').accelerator).toBe('CmdOrCtrl+2');
    // macOS cannot show an accelerator without registering it, so it shows none.
    const mac = build('darwin').template;
    expect(byId(mac, 'run-step').accelerator).toBeUndefined();
    expect(byId(mac, 'view-browser').accelerator).toBe('CmdOrCtrl+2');
  });

  it('has View → Language beside Theme, each language named in itself', () => {
    const view = build('linux').template.find((i) => i.label === 'View')!;
    const labels = (view.submenu as MenuItemConstructorOptions[]).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['Theme', 'Language / 언어']));
    const language = (view.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Language / 언어')!;
    expect((language.submenu as MenuItemConstructorOptions[]).map((i) => i.label)).toEqual(['English', '한국어', 'Follow the system / 시스템 설정']);
  });

  it('speaks the language the renderer shows: its own words in Korean, the language menu findable in both', () => {
    const ko = build('linux', true, 'ko').template;
    const labels = (items: MenuItemConstructorOptions[]) => items.flatMap((i) => (i.label ? [i.label] : []));
    expect(labels(ko)).toEqual(['보기', '실행']);
    expect(byId(ko, 'run-step').label).toBe('단계 실행');
    expect(byId(ko, 'run-toggle').label).toBe('실행 / 일시정지');
    expect(byId(ko, 'view-browser').label).toBe('키 브라우저');
    expect(byId(ko, 'open-logs').label).toBe('로그 폴더 열기');
    const view = ko.find((i) => i.label === '보기')!;
    const language = (view.submenu as MenuItemConstructorOptions[]).find((i) => i.label === '언어 / Language')!;
    expect((language.submenu as MenuItemConstructorOptions[]).map((i) => i.label)).toEqual(['English', '한국어', '시스템 설정 / Follow the system']);
    // Every item the app labels itself has a label in both languages (standard roles are labelled by Electron).
    const own = (items: MenuItemConstructorOptions[]) => flatten(items).filter((i) => !i.role && i.type !== 'separator');
    const en = own(build('linux').template);
    const kor = own(ko);
    expect(kor.map((i) => i.id)).toEqual(en.map((i) => i.id));
    for (const [i, item] of kor.entries()) {
      expect(item.label, item.id).toBeTruthy();
      expect(item.label, item.id).not.toMatch(/^menu\./);
      if (!['language-en', 'language-ko'].includes(item.id ?? '')) expect(item.label, item.id).not.toBe(en[i].label);
    }
  });
});
