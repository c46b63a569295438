import type { MessageId } from './catalog';
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

/** Every Korean message, by id (the catalog test checks it has exactly English's ids and placeholders). */
const ko: Record<MessageId, string> = { ...koUi, ...koArticle, ...koPatterns, ...koErrors, ...koExplore, ...koExplorerUi, ...koPatternRateLimiting, ...koPatternStreams, ...koPatternLocks, ...koPatternEviction, ...koPatternSessions, ...koServerUi, ...koKeyBrowser, ...koKeyEditor };

export default ko;
