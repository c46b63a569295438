import { useEffect, useState } from 'react';
import type { PanelData, StepResult } from '../../../shared/model';
import { useConnectionStore } from '../stores/connection-store';
import { useLocaleStore } from '../i18n/locale-store';
import { useT } from '../i18n/Msg';
import { Rich } from '../i18n/Rich';
import { selectPast, selectPattern, useSessionStore } from '../stores/session-store';
import { CountersPanel } from './CountersPanel';
import { DatabasePanel } from './DatabasePanel';
import { KeysPanel } from './KeysPanel';
import { LanesPanel } from './LanesPanel';
import { PendingPanel } from './PendingPanel';
import { PubSubPanel } from './PubSubPanel';
import { RequestsPanel } from './RequestsPanel';
import { SeriesPanel } from './SeriesPanel';
import { StreamPanel } from './StreamPanel';
import { ZsetPanel } from './ZsetPanel';
import './time-travel.css';

const NO_PANELS: PanelData[] = [];

/** One pattern panel by its kind; the Explore step-through reuses it for a schedule's captured panels. */
export function Panel({ data, frozen }: { data: PanelData; frozen: boolean }) {
  switch (data.kind) {
    case 'zset':
      return <ZsetPanel data={data} />;
    case 'counters':
      return <CountersPanel data={data} />;
    case 'series':
      return <SeriesPanel data={data} />;
    case 'pending':
      return <PendingPanel data={data} frozen={frozen} />;
    case 'pubsub':
      return <PubSubPanel data={data} />;
    case 'requests':
      return <RequestsPanel data={data} />;
    case 'lanes':
      return <LanesPanel data={data} />;
    case 'stream':
      return <StreamPanel data={data} />;
  }
}

/** Says plainly that the panels below are the past, which step's, and how to get back. */
function PastNotice({ result }: { result: StepResult }) {
  const backToNow = useSessionStore((s) => s.backToNow);
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const title = t(result.title);
  const name = result.stepIndex === -1 ? t('ui.past.action', { title }) : t('ui.past.step', { n: result.stepIndex + 1 });
  return (
    <div className="notice past-notice" role="status" aria-label={t('ui.past')}>
      <span>
        {result.after ? (
          <Rich id="ui.past.showing" values={{ name, title, at: new Date(result.after.at).toLocaleTimeString(locale) }} />
        ) : (
          <Rich id="ui.past.gone" values={{ name }} />
        )}
      </span>
      <button className="small" onClick={backToNow}>
        {t('ui.past.back')}
      </button>
    </div>
  );
}

/**
 * While the connection is down the panels still hold Redis' last replies,
 * which a restart may already have wiped: say so, from when, rather than
 * showing them as the present.
 */
function useAwaySince(): number | undefined {
  const away = useConnectionStore((s) => s.status.state === 'reconnecting' || s.status.state === 'error');
  const [since, setSince] = useState<number | undefined>();
  useEffect(() => setSince(away ? Date.now() : undefined), [away]);
  return away ? since : undefined;
}

function AwayNotice({ since }: { since: number }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  return (
    <div className="notice away-notice" role="status" aria-label={t('ui.away')}>
      {t('ui.away.text', { at: new Date(since).toLocaleTimeString(locale) })}
    </div>
  );
}

/**
 * The panels the open pattern touches: its own first, then Keys and the
 * database when it uses them. With an earlier step selected they show that
 * step's snapshot, taken by the host right after it ran — not recomputed.
 */
export function PatternPanels() {
  const pattern = useSessionStore(selectPattern);
  const livePanels = useSessionStore((s) => s.session?.panels ?? NO_PANELS);
  // The result itself, not the { result, position } pair: a fresh object every call would re-render forever.
  const past = useSessionStore((s) => selectPast(s)?.result);
  const awaySince = useAwaySince();
  if (!pattern) return null;
  const snapshot = past?.after;
  const panels = snapshot ? snapshot.panels : livePanels;
  const frozen = !!snapshot;
  return (
    <>
      {past && <PastNotice result={past} />}
      {!frozen && awaySince !== undefined && <AwayNotice since={awaySince} />}
      <div className={`panels${frozen ? ' panels-past' : ''}${!frozen && awaySince !== undefined ? ' panels-away' : ''}`} data-showing={frozen ? `after-${past?.stepIndex}` : 'now'}>
        {panels.map((p, i) => (
          <Panel key={`${p.kind}-${i}`} data={p} frozen={frozen} />
        ))}
        {pattern.panels.includes('db') && <DatabasePanel rows={snapshot?.dbRows} frozen={frozen} />}
        {pattern.panels.includes('keys') && <KeysPanel past={snapshot?.keys} />}
      </div>
    </>
  );
}
