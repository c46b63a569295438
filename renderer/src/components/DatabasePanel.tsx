import type { DbRowView, UserRow } from '../../../shared/model';
import { useDbStore } from '../stores/db-store';
import { TtlAt } from './FrozenTtl';
import './time-travel.css';

const STATE_LABEL = { absent: 'not cached', fresh: 'cache = db', stale: 'STALE' } as const;

/** The cached copy's fields, when it is a user row as the patterns cache it; otherwise null (shown raw). */
function cachedRow(cached: string | null): Partial<UserRow> | null {
  if (cached === null) return null;
  try {
    const value: unknown = JSON.parse(cached);
    return value && typeof value === 'object' ? (value as Partial<UserRow>) : null;
  } catch {
    return null;
  }
}

/** One side of a row: the name and version the lesson turns on; the email on hover. Marked where it differs from the other side. */
function Side({ row, truth }: { row: Partial<UserRow>; truth?: UserRow }) {
  const nameDiffers = truth !== undefined && row.name !== truth.name;
  const versionDiffers = truth !== undefined && row.version !== truth.version;
  return (
    <td className="db-side" title={row.email ? `${row.name} <${row.email}>, version ${row.version}` : undefined}>
      <span className={nameDiffers ? 'cache-differs' : undefined}>{row.name ?? '—'}</span>{' '}
      <span className={`muted small mono${versionDiffers ? ' cache-differs' : ''}`}>v{row.version ?? '?'}</span>
      {(nameDiffers || versionDiffers) && <span className="visually-hidden"> (differs from the database)</span>}
    </td>
  );
}

/**
 * The system of record beside the cache, row by row — both sides, so
 * staleness is shown rather than claimed. `rows` and `frozen` show an
 * earlier step's snapshot; without them, the live rows.
 */
export function DatabasePanel({ rows: given, frozen }: { rows?: DbRowView[]; frozen?: boolean }) {
  const live = useDbStore((s) => s.rows);
  const rows = given ?? live;
  return (
    <section className="panel" aria-labelledby="db-title">
      <header className="panel-header">
        <h2 id="db-title">Database vs cache</h2>
        <span className="muted small">users table (SQLite) beside each row’s cached copy in Redis</span>
      </header>
      <table className="data-table" aria-label="Database rows">
        <thead>
          <tr>
            <th>id</th>
            <th>database</th>
            <th>cache (Redis)</th>
            <th>state</th>
            <th className="ttl-col">cache TTL</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, state, cached, cachedPttl, readAt, cacheKey }) => {
            const copy = cachedRow(cached);
            return (
              <tr key={row.id} className={`db-row ${state}`} data-user={row.id}>
                <td>{row.id}</td>
                <Side row={row} />
                {cached === null ? (
                  // "not cached" in the state column says it; the dash keeps the column narrow.
                  <td className="muted" title={`no ${cacheKey} in Redis`}>
                    —
                  </td>
                ) : copy ? (
                  <Side row={copy} truth={row} />
                ) : (
                  <td className="mono" title={cached}>
                    {cached}
                  </td>
                )}
                <td>
                  <span className={`cache-state ${state}`}>{STATE_LABEL[state]}</span>
                </td>
                <td className="ttl-col">{state === 'absent' ? '' : <TtlAt pttl={cachedPttl} readAt={readAt} full={cachedPttl} frozen={frozen} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
