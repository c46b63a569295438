import type { TraceEntry } from '../../../shared/model';
import { ACTOR_LABELS, formatMs } from '../format';

/** Every command and query a step made, in order, coloured by actor. */
export function TracePane({ trace }: { trace: TraceEntry[] }) {
  if (trace.length === 0) return <p className="empty">This step sent nothing.</p>;
  return (
    <table className="trace" aria-label="Trace">
      <thead>
        <tr>
          <th>actor</th>
          <th>command</th>
          <th>reply</th>
          <th className="num">time</th>
        </tr>
      </thead>
      <tbody>
        {trace.map((t, i) => (
          <tr key={i} className={`trace-row actor-row-${t.actor}${t.kind === 'redis' && t.error ? ' error' : ''}`}>
            <td>
              <span className={`actor-chip actor-${t.kind === 'db' ? 'database' : t.actor}`}>{t.kind === 'db' ? `${ACTOR_LABELS[t.actor]} → db` : ACTOR_LABELS[t.actor]}</span>
            </td>
            {t.kind === 'redis' ? (
              <>
                <td className="mono">
                  <strong>{t.command}</strong> {t.args.join(' ')}
                </td>
                <td className="mono reply">{t.reply}</td>
              </>
            ) : (
              <>
                <td className="mono">
                  <strong>{t.op === 'read' ? 'SQL read' : 'SQL write'}</strong> {t.sql} {t.params.length ? `— [${t.params.join(', ')}]` : ''}
                </td>
                <td className="mono reply">{t.rows} row{t.rows === 1 ? '' : 's'}</td>
              </>
            )}
            <td className="num mono">{formatMs(t.durationMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
