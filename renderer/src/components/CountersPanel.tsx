import type { CountersPanel as CountersData } from '../../../shared/model';

/** Figures measured from Redis and the database, side by side (the naive way and the fix). */
export function CountersPanel({ data }: { data: CountersData }) {
  return (
    <section className="panel" role="region" aria-label={data.title}>
      <header className="panel-header">
        <h2>{data.title}</h2>
      </header>
      <div className="counter-columns">
        {data.columns.map((col) => (
          <div key={col.title} className={`counter-column tone-${col.tone ?? 'neutral'}`} aria-label={col.title}>
            <h3>{col.title}</h3>
            <dl>
              {col.items.map((item) => (
                <div key={item.label} className={`counter tone-${item.tone ?? 'neutral'}`}>
                  <dt>{item.label}</dt>
                  <dd className="mono">{item.value}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}
