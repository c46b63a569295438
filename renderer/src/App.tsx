import './api/csp-nonce';
import { lazy, Suspense, useEffect } from 'react';
import { onEvents } from './api/client';
import { dispatchMenuCommand, useMenuCommand } from './api/menu-commands';
import { ConnectionScreen } from './components/ConnectionScreen';
import { useCutTextTitles } from './hooks/use-cut-text-titles';
import { useConnectionStore } from './stores/connection-store';
import { useDbStore } from './stores/db-store';
import { useExplorerStore } from './stores/explorer-store';
import { useConsoleStore } from './stores/console-store';
import { useServerStore } from './stores/server-store';
import { useKeysStore } from './stores/keys-store';
import { selectPattern, useSessionStore } from './stores/session-store';
import { useLocaleStore } from './i18n/locale-store';
import { useThemeStore } from './stores/theme-store';

// The workspace (key browser, explorer, Prism's code pane, tooltips) is its own chunk: the connect screen never loads it.
const WorkspaceChunk = lazy(() => import('./components/WorkspaceChunk'));

/** The database panel's rows are read only while a pattern that shows the panel is open. */
function refreshDbIfShown() {
  if (selectPattern(useSessionStore.getState())?.panels.includes('db')) void useDbStore.getState().refresh();
}

/** Routes main's event batches into the stores; views derive from those. */
function useEventFeed() {
  useEffect(
    () =>
      onEvents((batch) => {
        for (const event of batch) {
          if (event.type === 'connection') {
            useConnectionStore.getState().setStatus(event.payload);
            // Back after an outage: "Redis is not reachable" under the step no longer holds (found by the independent tester).
            if (event.payload.state === 'connected') useSessionStore.getState().redisBack();
            if (event.payload.state === 'disconnected') {
              useKeysStore.getState().clear();
              useSessionStore.setState({ patternId: undefined, session: undefined, running: false });
              useServerStore.getState().clear();
              useConsoleStore.getState().reset();
            }
          } else if (event.type === 'keys') {
            useKeysStore.getState().apply(event.payload);
            refreshDbIfShown();
          } else if (event.type === 'db') {
            refreshDbIfShown();
          } else if (event.type === 'session') {
            useSessionStore.getState().apply(event.payload);
          } else if (event.type === 'explore') {
            useExplorerStore.getState().apply(event.payload);
          } else if (event.type === 'server') {
            useServerStore.getState().apply(event.payload);
          } else if (event.type === 'menu') {
            dispatchMenuCommand(event.payload);
          }
        }
      }),
    [],
  );
}

export function App() {
  const state = useConnectionStore((s) => s.status.state);
  const loadInfo = useConnectionStore((s) => s.loadInfo);
  const theme = useThemeStore((s) => s.resolved);
  useEventFeed();
  useCutTextTitles();
  useMenuCommand((command) => {
    if (command.command === 'set-theme') useThemeStore.getState().setChoice(command.theme);
    // Only the words change: every store, the open run with its past steps included, stays as it is.
    if (command.command === 'set-language') useLocaleStore.getState().setChoice(command.language);
  });
  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const connected = state === 'connected' || state === 'reconnecting' || state === 'error';
  return connected ? (
    <Suspense fallback={null}>
      <WorkspaceChunk />
    </Suspense>
  ) : (
    <ConnectionScreen />
  );
}
