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

/** Every English message, by id. Its own module: the renderer loads only the language it shows (see catalog-loader). */
const en = { ...enUi, ...enArticle, ...enPatterns, ...enErrors, ...enExplore, ...enExplorerUi, ...enPatternRateLimiting, ...enPatternStreams, ...enPatternLocks, ...enPatternEviction, ...enPatternSessions, ...enServerUi, ...enKeyBrowser, ...enKeyEditor };

export default en;
