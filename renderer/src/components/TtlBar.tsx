import { formatTtl } from '../format';
import { useNow } from '../hooks/use-now';
import { useT } from '../i18n/Msg';

/**
 * A TTL counting down from one PTTL reading and the time it was read; the
 * bar's full width is the longest TTL seen for this key, so it drains.
 */
export function TtlBar({ pttl, readAt, full }: { pttl: number; readAt: number; full: number }) {
  const now = useNow();
  const t = useT();
  if (pttl < 0) return <span className="ttl none">{t('ui.ttl.none')}</span>;
  // The shared clock may lag a fresh reading by one tick; never count up.
  const left = Math.max(0, Math.min(pttl, pttl - (now - readAt)));
  const fraction = full > 0 ? Math.min(1, left / full) : 0;
  return (
    <span className="ttl" role="meter" aria-label={t('ui.ttl')} aria-valuemin={0} aria-valuemax={Math.round(full / 1000)} aria-valuenow={Math.ceil(left / 1000)} aria-valuetext={formatTtl(left, t)}>
      <span className="ttl-track">
        <span className={`ttl-fill${fraction < 0.1 ? ' low' : ''}`} style={{ width: `${fraction * 100}%` }} />
      </span>
      <span className="ttl-text">{left === 0 ? t('ui.ttl.expired') : formatTtl(left, t)}</span>
    </span>
  );
}
