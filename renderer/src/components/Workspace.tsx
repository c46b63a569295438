import { Tabs } from 'radix-ui';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useMenuCommand } from '../api/menu-commands';
import { Msg, useT } from '../i18n/Msg';
import { Rich } from '../i18n/Rich';
import { useConnectionStore } from '../stores/connection-store';
import { useExploringOpenPattern } from '../stores/explorer-store';
import { useSessionStore } from '../stores/session-store';
import { ActionsForm } from './ActionsForm';
import { ConfirmNamespaceReset } from './ConfirmNamespaceReset';
import { ExplorationRunningNotice } from './ExplorationRunningNotice';
import { ExplorerView } from './ExplorerView';
import { KeyBrowser } from './KeyBrowser';
import { ParamsForm } from './ParamsForm';
import { PatternPanels } from './PatternPanels';
import { PatternList } from './PatternList';
import { StatusBar } from './StatusBar';
import { StepControls } from './StepControls';
import { StepDetail } from './StepDetail';
import { Timeline } from './Timeline';

// The Server tab (uPlot) and the Console load when first opened, not with the workspace.
const ServerPanel = lazy(() => import('./server/ServerPanel').then((m) => ({ default: m.ServerPanel })));
const ConsoleView = lazy(() => import('./server/ConsoleView').then((m) => ({ default: m.ConsoleView })));

function ExistingKeysNotice() {
  const status = useConnectionStore((s) => s.status);
  if (status.kind !== 'existing' || !status.existingKeys) return null;
  return (
    <div className="notice warn" role="status">
      <Rich id="ui.workspace.existingKeys" values={{ n: status.existingKeys, namespace: status.namespace ?? '' }} />
    </div>
  );
}

/** What the server refuses the app's user, or what kind of server it is, said once and plainly. */
function ServerLimitsNotice() {
  const limits = useConnectionStore((s) => s.status.limits);
  const t = useT();
  if (!limits?.length) return null;
  return (
    <div className="notice warn" role="status" aria-label={t('ui.workspace.limits')}>
      <ul className="limits">
        {limits.map((limit) => (
          <li key={limit.id}>
            <Msg m={limit} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The connected app: patterns and timeline left, panels centre, step detail right. */
export function Workspace() {
  const patternId = useSessionStore((s) => s.patternId);
  const sessionReady = useSessionStore((s) => !!s.patternId && s.session?.patternId === s.patternId);
  const patterns = useSessionStore((s) => s.patterns);
  const explorable = useSessionStore((s) => !!s.patterns.find((p) => p.id === s.patternId)?.explorable);
  const loadPatterns = useSessionStore((s) => s.loadPatterns);
  const exploring = useExploringOpenPattern();
  const [view, setView] = useState('pattern');
  const t = useT();
  useMenuCommand((command) => command.command === 'show-view' && setView(command.view));
  // Opening a pattern from the sidebar brings its view forward.
  useEffect(() => {
    if (patternId) setView('pattern');
  }, [patternId]);
  useEffect(() => {
    if (patterns.length === 0) void loadPatterns();
  }, [patterns.length, loadPatterns]);
  return (
    <div className={`workspace${patternId ? '' : ' no-detail'}`} data-ready={sessionReady ? 'true' : 'false'}>
      <h1 className="visually-hidden">Redis Pattern Inspector</h1>
      <aside className="sidebar">
        <PatternList variant="sidebar" />
        <Timeline />
        <ParamsForm />
        <ActionsForm />
      </aside>
      <Tabs.Root asChild value={view} onValueChange={setView} activationMode="manual">
        <main className="center" aria-label={t('ui.workspace')}>
        <Tabs.List className="tabs view-tabs" aria-label={t('ui.workspace.view')}>
          <Tabs.Trigger value="pattern">{t('ui.workspace.pattern')}</Tabs.Trigger>
          <Tabs.Trigger value="browser">{t('ui.workspace.browser')}</Tabs.Trigger>
          {explorable && <Tabs.Trigger value="explore">{t('explorer.tab')}</Tabs.Trigger>}
          <Tabs.Trigger value="server">{t('server.tab')}</Tabs.Trigger>
          <Tabs.Trigger value="console">{t('console.tab')}</Tabs.Trigger>
        </Tabs.List>
        {explorable && (
          <Tabs.Content value="explore" className="center-body">
            <ExplorerView />
          </Tabs.Content>
        )}
        <Tabs.Content value="server" className="center-body">
          <Suspense fallback={null}>
            <ServerPanel />
          </Suspense>
        </Tabs.Content>
        <Tabs.Content value="console" className="center-body console-body-tab">
          <Suspense fallback={null}>
            <ConsoleView />
          </Suspense>
        </Tabs.Content>
        <Tabs.Content value="browser" className="center-body browser-body">
          <ServerLimitsNotice />
          <KeyBrowser />
        </Tabs.Content>
        <Tabs.Content value="pattern" className="center-body">
          <StepControls />
          <ExistingKeysNotice />
          <ServerLimitsNotice />
          {patternId && exploring ? (
            <ExplorationRunningNotice />
          ) : patternId ? (
            <PatternPanels />
          ) : (
            <div className="welcome">
              <h2>{t('ui.workspace.pick')}</h2>
              <p className="muted">{t('ui.workspace.pickBody')}</p>
              <PatternList variant="cards" />
            </div>
          )}
        </Tabs.Content>
        </main>
      </Tabs.Root>
      <StepDetail />
      <StatusBar />
      <ConfirmNamespaceReset />
    </div>
  );
}
