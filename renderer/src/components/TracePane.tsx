import type { TraceEntry } from '../../../shared/model';
import { ACTOR_LABELS, formatMs } from '../format';

function actorLabel(t: TraceEntry): string {
  const name = ACTOR_LABELS[t.actor] + (t.lane !== undefined ? ` ${t.lane + 1}` : '');
  return t.kind === 'db' ? `${name} → db` : name;
}

function TraceCells({ t }: { t: TraceEntry }) {
  if (t.kind === 'redis') {
    return (
      <>
        <td className="mono">
          <strong>{t.command}</strong> {t.args.join(' ')}
        </td>
        <td className="mono reply">{t.reply}</td>
        <td className="num mono">{formatMs(t.durationMs)}</td>
      </>
    );
  }
  if (t.kind === 'db') {
    return (
      <>
        <td className="mono">
          <strong>{t.op === 'read' ? 'SQL read' : 'SQL write'}</strong> {t.sql} {t.params.length ? `— [${t.params.join(', ')}]` : ''}
        </td>
        <td className="mono reply">
          {t.rows} row{t.rows === 1 ? '' : 's'}
        </td>
        <td className="num mono">{formatMs(t.durationMs)}</td>
      </>
    );
  }
  return (
    <td className="event-text" colSpan={3}>
      {t.text}
    </td>
  );
}

/** Every command, query and event of a step, in order, coloured by actor. */
export function TracePane({ trace, label = 'Trace' }: { trace: TraceEntry[]; label?: string }) {
  if (trace.length === 0) return <p className="empty">Nothing was sent.</p>;
  return (
    <table className="trace" aria-label={label}>
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
          <tr key={i} className={`trace-row trace-${t.kind}${t.kind === 'redis' && t.error ? ' error' : ''}`}>
            <td>
              <span className={`actor-chip actor-${t.kind === 'db' ? 'database' : t.actor}`}>{actorLabel(t)}</span>
            </td>
            <TraceCells t={t} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
