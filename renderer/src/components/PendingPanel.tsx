import type { PendingPanel as PendingData } from '../../../shared/model';
import { useNow } from '../hooks/use-now';

const seconds = (ms: number) => `${Math.max(0, ms / 1000).toFixed(1)} s`;

/**
 * The write-behind backlog: who waits for the worker, with what, for how
 * long, and what the worker is doing. `frozen` shows an earlier step's
 * snapshot: ages and the next run are as they were when it was read.
 */
export function PendingPanel({ data, frozen }: { data: PendingData; frozen?: boolean }) {
  const ticking = useNow();
  const now = frozen ? data.readAt : ticking;
  const { worker } = data;
  const age = data.oldestAgeMs === null ? null : data.oldestAgeMs + Math.max(0, now - data.readAt);
  const workerText =
    worker.state === 'idle' && worker.nextRunAt
      ? `idle — next run in ${seconds(worker.nextRunAt - now)}`
      : worker.state === 'stopped'
        ? 'stopped (flushes run as steps)'
        : worker.state;
  return (
    <section className="panel" aria-labelledby="pending-title">
      <header className="panel-header">
        <h2 id="pending-title">Pending writes</h2>
        <span className="muted small mono">{data.setKey}</span>
      </header>
      <div className="pending-meta">
        <span>
          Worker: <strong className={`worker-state worker-${worker.state}`} data-testid="worker-state">{workerText}</strong>
        </span>
        {worker.intervalMs > 0 && <span>every {seconds(worker.intervalMs)}</span>}
        <span>{worker.flushes} flushes</span>
        <span>
          backlog age: <strong>{age === null ? '—' : seconds(age)}</strong>
        </span>
      </div>
      {data.items.length === 0 ? (
        <p className="empty">Nothing is waiting for the worker.</p>
      ) : (
        <table className="data-table" aria-label="Pending writes">
          <thead>
            <tr>
              <th>user id</th>
              <th>in Redis (not yet in db)</th>
              <th>in database</th>
              <th>state</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.id} data-pending={item.id}>
                <td className="mono">{item.id}</td>
                <td className="mono">{item.cached ?? '—'}</td>
                <td className="mono">{item.inDb ?? 0}</td>
                <td>{item.processing ? <span className="cache-state stale">being flushed</span> : <span className="cache-state absent">pending</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
