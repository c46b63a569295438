import type { PubSubPanel as PubSubData } from '../../../shared/model';
import { ACTOR_LABELS } from '../format';

/** Channels, subscribers with their receipt counts, and the message log. */
export function PubSubPanel({ data }: { data: PubSubData }) {
  return (
    <section className="panel" aria-labelledby="pubsub-title">
      <header className="panel-header">
        <h2 id="pubsub-title">Pub/Sub</h2>
        <span className="muted small">
          channel <code>{data.channel}</code> · {data.published} published
        </span>
      </header>
      <table className="data-table" aria-label="Subscribers">
        <thead>
          <tr>
            <th>subscriber</th>
            <th>subscription</th>
            <th>connected</th>
            <th>received</th>
          </tr>
        </thead>
        <tbody>
          {data.subscribers.map((s) => (
            <tr key={s.actor} data-subscriber={s.actor}>
              <td>
                <span className={`actor-chip actor-${s.actor}`}>{s.name}</span>
              </td>
              <td className="mono">{s.subscription}</td>
              <td>{s.connected ? <span className="cache-state fresh">yes</span> : <span className="cache-state stale">disconnected</span>}</td>
              <td className="mono" data-testid={`received-${s.actor}`}>
                {s.received} / {data.published}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ol className="message-log" aria-label="Message log">
        {data.log.length === 0 && <li className="empty">No messages yet.</li>}
        {data.log.map((m, i) => (
          <li key={i} className={`message ${m.direction}`}>
            <span className={`actor-chip actor-${m.actor}`}>{ACTOR_LABELS[m.actor]}</span>
            <span className="direction">{m.direction}</span>
            <span className="mono text">{m.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
