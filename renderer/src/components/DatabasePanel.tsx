import { useDbStore } from '../stores/db-store';
import { TtlBar } from './TtlBar';

const STATE_LABEL = { absent: 'not cached', fresh: 'cache = db', stale: 'STALE' } as const;

/** The system of record beside the cache, row by row, so staleness is shown rather than claimed. */
export function DatabasePanel() {
  const rows = useDbStore((s) => s.rows);
  return (
    <section className="panel" aria-labelledby="db-title">
      <header className="panel-header">
        <h2 id="db-title">Database vs cache</h2>
        <span className="muted small">users table (SQLite)</span>
      </header>
      <table className="data-table" aria-label="Database rows">
        <thead>
          <tr>
            <th>id</th>
            <th>name</th>
            <th>email</th>
            <th>cache</th>
            <th className="ttl-col">cache TTL</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, state, cached, cachedPttl, readAt }) => (
            <tr key={row.id} className={`db-row ${state}`} data-user={row.id}>
              <td>{row.id}</td>
              <td>{row.name}</td>
              <td>{row.email}</td>
              <td>
                <span className={`cache-state ${state}`} title={cached ?? undefined}>
                  {STATE_LABEL[state]}
                </span>
              </td>
              <td className="ttl-col">{state === 'absent' ? '' : <TtlBar pttl={cachedPttl} readAt={readAt} full={cachedPttl} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
