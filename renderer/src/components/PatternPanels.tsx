import type { PanelData } from '../../../shared/model';
import { selectPattern, useSessionStore } from '../stores/session-store';
import { CountersPanel } from './CountersPanel';
import { DatabasePanel } from './DatabasePanel';
import { KeysPanel } from './KeysPanel';
import { PendingPanel } from './PendingPanel';
import { PubSubPanel } from './PubSubPanel';
import { ZsetPanel } from './ZsetPanel';

const NO_PANELS: PanelData[] = [];

function Panel({ data }: { data: PanelData }) {
  switch (data.kind) {
    case 'zset':
      return <ZsetPanel data={data} />;
    case 'counters':
      return <CountersPanel data={data} />;
    case 'pending':
      return <PendingPanel data={data} />;
    case 'pubsub':
      return <PubSubPanel data={data} />;
  }
}

/** The panels the open pattern touches: its own first, then Keys and the database when it uses them. */
export function PatternPanels() {
  const pattern = useSessionStore(selectPattern);
  const panels = useSessionStore((s) => s.session?.panels ?? NO_PANELS);
  if (!pattern) return null;
  return (
    <>
      {panels.map((p, i) => (
        <Panel key={`${p.kind}-${i}`} data={p} />
      ))}
      {pattern.panels.includes('db') && <DatabasePanel />}
      {pattern.panels.includes('keys') && <KeysPanel />}
    </>
  );
}
