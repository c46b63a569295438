/**
 * What the application menu asks the renderer to do. It travels as an
 * ordinary event ('menu') on the existing event channel; the renderer acts
 * only on what is on screen, exactly as its keyboard shortcuts do.
 */
export const CENTER_VIEWS = ['pattern', 'browser'] as const;
export type CenterView = (typeof CENTER_VIEWS)[number];

export const THEME_CHOICES = ['dark', 'light', 'system'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The app's language: one of its locales, or the OS's ('system'). */
export const LANGUAGE_CHOICES = ['en', 'ko', 'system'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

export type MenuCommand =
  | { command: 'step' }
  | { command: 'toggle-run' }
  | { command: 'reset' }
  | { command: 'show-view'; view: CenterView }
  | { command: 'set-theme'; theme: ThemeChoice }
  | { command: 'set-language'; language: LanguageChoice };
