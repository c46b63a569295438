import { useEffect, useMemo, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { Message } from '../../../../shared/i18n/message';
import type { Denied, ServerDetails, ServerSample, SlowlogEntry } from '../../../../shared/server-console';
import { ErrorText } from '../../i18n/ErrorText';
import { Msg, useT } from '../../i18n/Msg';
import { SERVER_RING, useServerStore } from '../../stores/server-store';
import { TimeChart, type TimeSeries } from './TimeChart';
import './server-console.css';

const isDenied = (v: unknown): v is Denied => typeof v === 'object' && v !== null && 'denied' in v;

/** Bytes in the unit that reads best (B, kB, MB, GB), in the user's language. */
function useBytes(): (n: number) => string {
  const intl = useIntl();
  return (n) => {
    const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
    let i = 0;
    let v = n;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    // ICU's short name for a byte is the word itself ("14 byte", in Korean "14byte"): bytes read B, like the larger units' kB and MB.
    if (i === 0) return `${intl.formatNumber(v, { maximumFractionDigits: 0 })} B`;
    return intl.formatNumber(v, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: 1 });
  };
}

function Figure({ label, value, sub, testid }: { label: string; value: string; sub?: string; testid?: string }) {
  return (
    <div className="server-figure" data-testid={testid}>
      <dt>{label}</dt>
      <dd>
        <span className="server-figure-value">{value}</span>
        {sub && <span className="server-figure-sub">{sub}</span>}
      </dd>
    </div>
  );
}

function Figures({ s }: { s: ServerSample }) {
  const t = useT();
  const bytes = useBytes();
  return (
    <dl className="server-figures" aria-label={t('server.title')}>
      <Figure label={t('server.figure.ops')} value={t('server.value.ops', { n: s.opsPerSec })} />
      <Figure
        label={t('server.figure.hitRate')}
        testid="server-hit-rate"
        value={s.hitRate < 0 ? t('server.value.noReads') : t('server.value.percent', { n: s.hitRate })}
        sub={s.hitRateTotal < 0 ? t('server.value.noReadsEver') : t('server.value.hitRateTotal', { n: s.hitRateTotal })}
      />
      <Figure label={t('server.figure.hitsMisses')} value={t('server.value.hitsMisses', { hits: s.hits, misses: s.misses })} sub={t('server.value.inOut', { in: t('server.value.perSec', { n: s.hitsPerSec }), out: t('server.value.perSec', { n: s.missesPerSec }) })} />
      <Figure label={t('server.figure.memory')} value={bytes(s.usedMemory)} />
      <Figure label={t('server.figure.clients')} value={String(s.clients)} sub={s.blockedClients ? t('server.value.blocked', { n: s.blockedClients }) : undefined} />
      <Figure label={t('server.figure.expired')} value={t('server.value.count', { n: s.expired, rate: s.expiredPerSec })} />
      <Figure label={t('server.figure.evicted')} value={t('server.value.count', { n: s.evicted, rate: s.evictedPerSec })} />
      <Figure label={t('server.figure.network')} value={t('server.value.inOut', { in: `${bytes(s.netInPerSec)}/s`, out: `${bytes(s.netOutPerSec)}/s` })} />
    </dl>
  );
}

function Charts() {
  const t = useT();
  const bytes = useBytes();
  const version = useServerStore((s) => s.version);
  const ring = useServerStore((s) => s.ring);
  // Read once per sample: 600 items at most.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const samples = useMemo(() => ring.toArray(), [ring, version]);
  const lines = useMemo(() => {
    const one = (label: string, color: number, value: TimeSeries['value']): TimeSeries[] => [{ label, color, value }];
    return {
      ops: one(t('server.figure.ops'), 0, (s) => s.opsPerSec),
      hitRate: one(t('server.figure.hitRate'), 5, (s) => (s.hitRate < 0 ? null : s.hitRate)),
      reads: [
        { label: t('server.chart.hits'), color: 4, value: (s: ServerSample) => s.hitsPerSec },
        { label: t('server.chart.misses'), color: 3, value: (s: ServerSample) => s.missesPerSec },
      ],
      memory: one(t('server.figure.memory'), 1, (s) => s.usedMemory),
      network: [
        { label: t('server.chart.in'), color: 0, value: (s: ServerSample) => s.netInPerSec },
        { label: t('server.chart.out'), color: 2, value: (s: ServerSample) => s.netOutPerSec },
      ],
    };
  }, [t]);
  return (
    <div className="server-charts">
      <TimeChart title={t('server.chart.hitRate')} samples={samples} version={version} series={lines.hitRate} yRange={[0, 100]} />
      <TimeChart title={t('server.chart.readsPerSec')} samples={samples} version={version} series={lines.reads} />
      <TimeChart title={t('server.chart.ops')} samples={samples} version={version} series={lines.ops} />
      <TimeChart title={t('server.chart.memory')} samples={samples} version={version} series={lines.memory} formatY={bytes} />
      <TimeChart title={t('server.chart.network')} samples={samples} version={version} series={lines.network} formatY={bytes} />
    </div>
  );
}

/** One titled panel of the Server tab; `extra` sits at the header's end (a caption, a button). */
function ServerSection({ id, title, extra, children }: { id: string; title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel server-section" aria-labelledby={id}>
      <header className="panel-header">
        <h2 id={id}>{title}</h2>
        {extra}
      </header>
      <div className="server-section-body">{children}</div>
    </section>
  );
}

/**
 * A refusal in full the first time the panel says it; the same refusal again
 * (one missing INFO right behind four facts and the live figures) says only
 * that it is the one above, so the sentence is not read five times.
 */
function DeniedText({ d, said }: { d: Denied; said?: Set<string> }) {
  const t = useT();
  const key = JSON.stringify(d.denied);
  const again = said?.has(key) ?? false;
  said?.add(key);
  return <span className="server-denied">{again ? t('server.deniedAbove') : <Msg m={d.denied} />}</span>;
}

function FactsList({ details, denied }: { details: ServerDetails; denied?: Message }) {
  const t = useT();
  // Refusals already said on this panel: the live section's (above) and each one this list says.
  const said = new Set<string>(denied ? [JSON.stringify(denied)] : []);
  const intl = useIntl();
  const bytes = useBytes();
  const f = details.facts;
  const when = (seconds: number) => (seconds > 0 ? intl.formatDate(seconds * 1000, { dateStyle: 'short', timeStyle: 'medium' }) : '—');
  const row = (label: string, value: React.ReactNode) => (
    <div className="server-fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className="server-facts">
      {row(t('server.facts.version'), f.version)}
      {row(t('server.facts.role'), f.role)}
      {row(t('server.facts.mode'), f.mode)}
      {row(t('server.facts.maxmemory'), isDenied(f.maxmemory) ? <DeniedText said={said} d={f.maxmemory} /> : f.maxmemory === 0 ? t('server.facts.noLimit') : bytes(f.maxmemory))}
      {row(t('server.facts.policy'), isDenied(f.policy) ? <DeniedText said={said} d={f.policy} /> : f.policy)}
      {row(
        t('server.facts.rdb'),
        isDenied(f.rdb) ? (
          <DeniedText said={said} d={f.rdb} />
        ) : (
          <>
            {isDenied(f.rdb.save) ? <DeniedText said={said} d={f.rdb.save} /> : f.rdb.save === '' ? t('server.facts.rdbOff') : t('server.facts.rdbRules', { rules: f.rdb.save })}
            {f.rdb.lastSave > 0 && <span className="muted small"> · {t('server.facts.rdbLast', { when: when(f.rdb.lastSave), n: f.rdb.changesSinceSave, status: f.rdb.lastStatus })}</span>}
          </>
        ),
      )}
      {row(t('server.facts.aof'), isDenied(f.aof) ? <DeniedText said={said} d={f.aof} /> : f.aof.enabled ? t('server.facts.aofOn', { status: f.aof.lastStatus }) : t('server.facts.aofOff'))}
      {f.uptimeSeconds > 0 && row(t('server.facts.uptime'), t('server.facts.uptimeValue', { h: Math.floor(f.uptimeSeconds / 3600), m: Math.floor((f.uptimeSeconds % 3600) / 60) }))}
    </dl>
  );
}

/** One SLOWLOG entry in a sentence: which command, how long, when, from which client; then its arguments. */
function SlowEntry({ e }: { e: SlowlogEntry }) {
  const t = useT();
  const intl = useIntl();
  const cut = e.args.length < e.argCount || e.args.some((a) => a.endsWith('…'));
  return (
    <li className="slowlog-entry">
      <p>{t('server.slowlog.explain', { command: e.command || '?', ms: e.micros / 1000, time: intl.formatTime(e.at * 1000, { timeStyle: 'medium' }), client: e.client, name: e.clientName || 'none' })}</p>
      <p className="mono small slowlog-args">
        {[e.command, ...e.args].join(' ')}
        <span className="muted"> — {t('server.slowlog.args', { count: e.argCount, cut: cut ? 'yes' : 'no', shown: e.args.length })}</span>
      </p>
    </li>
  );
}

function Slowlog({ details }: { details: ServerDetails }) {
  const t = useT();
  const s = details.slowlog;
  let body: React.ReactNode;
  if (isDenied(s)) body = <DeniedText d={s} />;
  else {
    const threshold = s.thresholdMicros;
    const summary =
      threshold !== null && threshold < 0
        ? t('server.slowlog.disabled')
        : s.entries.length === 0
          ? threshold === null
            ? t('server.slowlog.emptyNoThreshold')
            : t('server.slowlog.empty', { micros: threshold })
          : threshold === null
            ? t('server.slowlog.summaryNoThreshold', { shown: s.entries.length, total: s.total })
            : t('server.slowlog.summary', { shown: s.entries.length, total: s.total, micros: threshold });
    body = (
      <>
        <p className="muted small">{summary}</p>
        <ol className="slowlog-list">
          {s.entries.map((e) => (
            <SlowEntry key={e.id} e={e} />
          ))}
        </ol>
      </>
    );
  }
  return (
    <ServerSection id="slowlog-title" title={t('server.slowlog')}>
      {body}
    </ServerSection>
  );
}

function Latency({ details }: { details: ServerDetails }) {
  const t = useT();
  const intl = useIntl();
  const l = details.latency;
  let body: React.ReactNode;
  if (isDenied(l)) body = <DeniedText d={l} />;
  else if (!l.enabled) body = <p className="muted small">{t('server.latency.off')}</p>;
  else if (l.events.length === 0) body = <p className="muted small">{l.thresholdMs === null ? t('server.latency.unknown') : t('server.latency.empty', { ms: l.thresholdMs })}</p>;
  else
    body = (
      <ul className="latency-list">
        {l.events.map((e) => (
          <li key={e.event}>{t('server.latency.event', { event: e.event, latest: e.latestMs, max: e.maxMs, time: intl.formatTime(e.at * 1000, { timeStyle: 'medium' }) })}</li>
        ))}
      </ul>
    );
  return (
    <ServerSection id="latency-title" title={t('server.latency')}>
      {body}
    </ServerSection>
  );
}

function DeniedNotice({ m }: { m: Message }) {
  const t = useT();
  return (
    <div className="notice warn" role="status">
      {t('server.infoDenied')} <Msg m={m} />
    </div>
  );
}

/**
 * The Server tab: INFO once a second while it is on screen (the watch starts
 * when it mounts, ends when it unmounts or the window hides), figures and
 * ten minutes of charts, the server's facts, SLOWLOG explained and LATENCY.
 */
export function ServerPanel() {
  const t = useT();
  const latest = useServerStore((s) => s.latest);
  const denied = useServerStore((s) => s.denied);
  const details = useServerStore((s) => s.details);
  const detailsError = useServerStore((s) => s.detailsError);
  const watchError = useServerStore((s) => s.watchError);
  const loadDetails = useServerStore((s) => s.loadDetails);

  useEffect(() => {
    const { start, stop } = useServerStore.getState();
    const onVisibility = () => (document.hidden ? stop() : start());
    if (!document.hidden) start();
    document.addEventListener('visibilitychange', onVisibility);
    void loadDetails();
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      stop();
    };
  }, [loadDetails]);

  return (
    <div className="server-panel" data-testid="server-panel">
      <ServerSection id="server-live-title" title={t('server.title')} extra={<span className="muted small">{t('server.sampling', { minutes: SERVER_RING / 60 })}</span>}>
        {denied && <DeniedNotice m={denied} />}
        {watchError && <ErrorText error={watchError} />}
        {latest ? <Figures s={latest} /> : !denied && <p className="muted">{t('server.waiting')}</p>}
        {!denied && <Charts />}
      </ServerSection>
      <ServerSection
        id="server-facts-title"
        title={t('server.facts')}
        extra={
          <button type="button" className="small" onClick={() => void loadDetails()}>
            {t('server.refresh')}
          </button>
        }
      >
        {detailsError && <ErrorText error={detailsError} />}
        {details && <FactsList details={details} denied={denied} />}
      </ServerSection>
      {details && <Slowlog details={details} />}
      {details && <Latency details={details} />}
    </div>
  );
}
