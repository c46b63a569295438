import type { PendingPanel as PendingData } from '../../../shared/model';
import { useNow } from '../hooks/use-now';
import { useT } from '../i18n/Msg';

/**
 * The write-behind backlog: who waits for the worker, with what, for how
 * long, and what the worker is doing. `frozen` shows an earlier step's
 * snapshot: ages and the next run are as they were when it was read.
 */
export function PendingPanel({ data, frozen }: { data: PendingData; frozen?: boolean }) {
  // The clock runs only while something on the panel counts: a backlog's age or the worker's next run.
  const ticking = useNow(!frozen && (data.oldestAgeMs !== null || (data.worker.state === 'idle' && !!data.worker.nextRunAt)));
  const t = useT();
  const seconds = (ms: number) => t('ui.seconds', { s: Math.max(0, ms / 1000).toFixed(1) });
  const now = frozen ? data.readAt : ticking;
  const { worker } = data;
  const age = data.oldestAgeMs === null ? null : data.oldestAgeMs + Math.max(0, now - data.readAt);
  const workerText =
    worker.state === 'idle' && worker.nextRunAt
      ? t('ui.pending.idleNext', { time: seconds(worker.nextRunAt - now) })
      : worker.state === 'stopped'
        ? t('ui.pending.stopped')
        : t(`ui.pending.state.${worker.state}`);
  return (
    <section className="panel" aria-labelledby="pending-title">
      <header className="panel-header">
        <h2 id="pending-title">{t('ui.pending.title')}</h2>
        <span className="muted small mono">{data.setKey}</span>
      </header>
      <div className="pending-meta">
        <span>
          {t('ui.pending.worker')} <strong className={`worker-state worker-${worker.state}`} data-testid="worker-state">{workerText}</strong>
        </span>
        {worker.intervalMs > 0 && <span>{t('ui.pending.every', { time: seconds(worker.intervalMs) })}</span>}
        <span>{t('ui.pending.flushes', { n: worker.flushes })}</span>
        <span>
          {t('ui.pending.age')} <strong>{age === null ? '—' : seconds(age)}</strong>
        </span>
      </div>
      {data.items.length === 0 ? (
        <p className="empty">{t('ui.pending.empty')}</p>
      ) : (
        <table className="data-table wrap-head" aria-label={t('ui.pending.title')}>
          <thead>
            <tr>
              <th>{t('ui.pending.col.user')}</th>
              <th>{t('ui.pending.col.cached')}</th>
              <th>{t('ui.pending.col.db')}</th>
              <th>{t('ui.pending.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.id} data-pending={item.id}>
                <td className="mono">{item.id}</td>
                <td className="mono">{item.cached ?? '—'}</td>
                <td className="mono">{item.inDb ?? 0}</td>
                <td>{item.processing ? <span className="cache-state stale">{t('ui.pending.flushing')}</span> : <span className="cache-state absent">{t('ui.pending.waiting')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
