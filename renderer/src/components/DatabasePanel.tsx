import type { DbRowView, UserRow } from '../../../shared/model';
import { useT } from '../i18n/Msg';
import { useDbStore } from '../stores/db-store';
import { TtlAt } from './FrozenTtl';
import './time-travel.css';


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
  const t = useT();
  return (
    <td className="db-side" title={row.email ? t('ui.db.rowTitle', { name: row.name ?? '', email: row.email, version: row.version ?? '?' }) : undefined}>
      <span className={nameDiffers ? 'cache-differs' : undefined}>{row.name ?? '—'}</span>{' '}
      <span className={`muted small mono${versionDiffers ? ' cache-differs' : ''}`}>{t('ui.db.version', { version: row.version ?? '?' })}</span>
      {(nameDiffers || versionDiffers) && <span className="visually-hidden">{t('ui.db.differs')}</span>}
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
  const t = useT();
  return (
    <section className="panel" aria-labelledby="db-title">
      <header className="panel-header">
        <h2 id="db-title">{t('ui.db.title')}</h2>
        <span className="muted small">{t('ui.db.caption')}</span>
      </header>
      <table className="data-table" aria-label={t('ui.db.rows')}>
        {/* Five equal columns cut the row the pattern is about ("User 1 (ren…") beside an id column holding one digit. */}
        <colgroup>
          <col style={{ width: '8%' }} />
          <col style={{ width: '27%' }} />
          <col style={{ width: '25%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '25%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('ui.db.col.id')}</th>
            <th>{t('ui.db.col.database')}</th>
            <th>{t('ui.db.col.cache')}</th>
            <th>{t('ui.db.col.state')}</th>
            <th className="ttl-col">{t('ui.db.col.ttl')}</th>
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
                  <td className="muted" title={t('ui.db.notCached', { key: cacheKey })}>
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
                  <span className={`cache-state ${state}`}>{t(`ui.db.state.${state}`)}</span>
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
