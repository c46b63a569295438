import { formatTtl } from '../format';
import { useT } from '../i18n/Msg';
import { TtlBar } from './TtlBar';

/**
 * A TTL as read after an earlier step: the bar stands still at what PTTL
 * said then (counting it down from today would show a time that never was).
 * With `frozen` unset it is the live, draining TtlBar.
 */
export function TtlAt({ pttl, readAt, full, frozen }: { pttl: number; readAt: number; full: number; frozen?: boolean }) {
  const t = useT();
  if (!frozen) return <TtlBar pttl={pttl} readAt={readAt} full={full} />;
  if (pttl < 0) return <span className="ttl none">{t('ui.ttl.none')}</span>;
  const fraction = full > 0 ? Math.min(1, pttl / full) : 0;
  return (
    <span className="ttl" role="meter" aria-label={t('ui.ttl')} aria-valuemin={0} aria-valuemax={Math.round(full / 1000)} aria-valuenow={Math.ceil(pttl / 1000)} aria-valuetext={t('ui.ttl.then', { ttl: formatTtl(pttl, t) })}>
      <span className="ttl-track">
        <span className="ttl-fill" style={{ width: `${fraction * 100}%` }} />
      </span>
      <span className="ttl-text">{formatTtl(pttl, t)}</span>
    </span>
  );
}
