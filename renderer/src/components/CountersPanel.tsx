import { FormattedNumber } from 'react-intl';
import type { CountersPanel as CountersData } from '../../../shared/model';
import { Msg, useT } from '../i18n/Msg';

/** A counter's value: a number in the current locale, a phrase the core sent, or a dash when not measured yet. */
function CounterValue({ value }: { value: CountersData['columns'][number]['items'][number]['value'] }) {
  if (value === null) return <>—</>;
  if (typeof value === 'number') return <FormattedNumber value={value} />;
  return <Msg m={value} />;
}

/** Figures measured from Redis and the database, side by side (the naive way and the fix). */
export function CountersPanel({ data }: { data: CountersData }) {
  const t = useT();
  return (
    <section className="panel" role="region" aria-label={t(data.title)}>
      <header className="panel-header">
        <h2>
          <Msg m={data.title} />
        </h2>
      </header>
      <div className="counter-columns">
        {data.columns.map((col) => (
          <div key={col.title.id} className={`counter-column tone-${col.tone ?? 'neutral'}`} aria-label={t(col.title)}>
            <h3>
              <Msg m={col.title} />
            </h3>
            <dl>
              {col.items.map((item) => (
                <div key={item.label.id} className={`counter tone-${item.tone ?? 'neutral'}`}>
                  <dt>
                    <Msg m={item.label} />
                  </dt>
                  <dd className="mono">
                    <CounterValue value={item.value} />
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}
