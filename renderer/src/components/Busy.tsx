import { useNow } from '../hooks/use-now';
import { useSessionStore } from '../stores/session-store';
import './time-travel.css';

/** Seconds since `since`, ticking with the shared clock (four times a second). */
export function Elapsed({ since }: { since: number }) {
  const now = useNow();
  return <span className="mono">{(Math.max(0, now - since) / 1000).toFixed(1)} s</span>;
}

/**
 * What is running right now, for as long as it runs: a long step (a crowd
 * of 50, a 2 s database) otherwise looks like a frozen app.
 */
export function BusyIndicator() {
  const busy = useSessionStore((s) => s.busy);
  const title = useSessionStore((s) => (s.busy && s.busy.index >= 0 ? s.patterns.find((p) => p.id === s.patternId)?.steps[s.busy.index]?.title : undefined));
  if (!busy) return null;
  return (
    <span className="busy" role="status" aria-label="Running">
      <span className="spinner" aria-hidden />
      {busy.index === -1 ? 'Running the action' : `Running step ${busy.index + 1}${title ? `: ${title}` : ''}`}… <Elapsed since={busy.since} />
    </span>
  );
}
