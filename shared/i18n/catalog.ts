import enArticle from './en/article';
import enErrors from './en/errors';
import enExplore from './en/explore';
import enExplorerUi from './en/explorer-ui';
import enPatterns from './en/patterns';
import enUi from './en/ui';
import enServerUi from './en/server-ui';
import enPatternLocks from './en/pattern-locks';
import enPatternEviction from './en/pattern-eviction';
import enPatternStreams from './en/pattern-streams';
import enPatternRateLimiting from './en/pattern-rate-limiting';
import enPatternSessions from './en/pattern-sessions';
import enKeyBrowser from './en/key-browser';
import enKeyEditor from './en/key-editor';
import koKeyBrowser from './ko/key-browser';
import koKeyEditor from './ko/key-editor';
import koArticle from './ko/article';
import koErrors from './ko/errors';
import koExplore from './ko/explore';
import koExplorerUi from './ko/explorer-ui';
import koPatterns from './ko/patterns';
import koUi from './ko/ui';
import koServerUi from './ko/server-ui';
import koPatternRateLimiting from './ko/pattern-rate-limiting';
import koPatternLocks from './ko/pattern-locks';
import koPatternEviction from './ko/pattern-eviction';
import koPatternStreams from './ko/pattern-streams';
import koPatternSessions from './ko/pattern-sessions';

/** The languages the app speaks; Korean for a ko* system language, English otherwise. */
export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

const en = { ...enUi, ...enArticle, ...enPatterns, ...enErrors, ...enExplore, ...enExplorerUi, ...enPatternRateLimiting, ...enPatternStreams, ...enPatternLocks, ...enPatternEviction, ...enPatternSessions, ...enServerUi, ...enKeyBrowser, ...enKeyEditor };
export type MessageId = keyof typeof en;

/** Every message in every language, by id. Split by owner (ui, patterns, errors, explore) so each file stays readable. */
export const CATALOGS: Record<Locale, Record<MessageId, string>> = {
  en,
  ko: { ...koUi, ...koArticle, ...koPatterns, ...koErrors, ...koExplore, ...koExplorerUi, ...koPatternRateLimiting, ...koPatternStreams, ...koPatternLocks, ...koPatternEviction, ...koPatternSessions, ...koServerUi, ...koKeyBrowser, ...koKeyEditor },
};

/** The app's language for a system language tag such as "ko-KR" or "en-US". */
export function localeFor(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
