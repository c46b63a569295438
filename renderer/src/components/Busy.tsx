import { useNow } from '../hooks/use-now';
import { useT } from '../i18n/Msg';
import { useSessionStore } from '../stores/session-store';
import './time-travel.css';

/** Seconds since `since`, ticking with the shared clock (four times a second). */
export function Elapsed({ since }: { since: number }) {
  const now = useNow();
  const t = useT();
  return <span className="mono">{t('ui.seconds', { s: (Math.max(0, now - since) / 1000).toFixed(1) })}</span>;
}

/**
 * What is running right now, for as long as it runs: a long step (a crowd
 * of 50, a 2 s database) otherwise looks like a frozen app.
 */
export function BusyIndicator() {
  const busy = useSessionStore((s) => s.busy);
  const t = useT();
  const title = useSessionStore((s) => (s.busy && s.busy.index >= 0 ? s.patterns.find((p) => p.id === s.patternId)?.steps[s.busy.index]?.title : undefined));
  if (!busy) return null;
  return (
    <span className="busy" role="status" aria-label={t('ui.busy')}>
      <span className="spinner" aria-hidden />
      {busy.index === -1 ? t('ui.busy.action') : title ? t('ui.busy.stepTitled', { n: busy.index + 1, title: t(title) }) : t('ui.busy.step', { n: busy.index + 1 })}{' '}
      <Elapsed since={busy.since} />
    </span>
  );
}
