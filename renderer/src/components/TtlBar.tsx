import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatTtl } from '../format';
import { useReducedMotion } from '../hooks/use-reduced-motion';
import { useT } from '../i18n/Msg';
import { msToNextSecond, ttlDrain } from './ttl-drain';
import './ttl-bar.css';

/**
 * A TTL counting down from one PTTL reading and the time it was read; the
 * bar's full width is the longest TTL seen for this key, so it drains.
 *
 * The bar drains by one transform animation set from the reading (duration =
 * PTTL, a negative delay for the time since it was read), which the
 * compositor runs: nothing re-renders while it drains. Only the seconds text
 * changes, at most once a second, exactly when the shown second changes, and
 * the timer stops at 0. With reduced motion there is no animation: the bar is
 * set with the text, once a second.
 */
export function TtlBar({ pttl, readAt, full }: { pttl: number; readAt: number; full: number }) {
  const t = useT();
  const reduced = useReducedMotion();
  // The time the text was last worked out; a new reading is never counted from before it was read.
  const [now, setNow] = useState(() => readAt);
  const fill = useRef<HTMLSpanElement>(null);
  const drain = ttlDrain(pttl, readAt, full, Math.max(now, readAt));

  useEffect(() => {
    if (pttl < 0) return;
    const leftNow = ttlDrain(pttl, readAt, full, Date.now()).leftMs;
    // On a mount or a new reading the text may be behind: catch up at once.
    const behind = Math.ceil(drain.leftMs / 1000) !== Math.ceil(leftNow / 1000);
    if (!behind && leftNow === 0) return; // expired and said so: no timer left running
    const timer = setTimeout(() => setNow(Date.now()), behind ? 0 : msToNextSecond(leftNow));
    return () => clearTimeout(timer);
  }, [pttl, readAt, full, now, drain.leftMs]);

  useLayoutEffect(() => {
    const el = fill.current;
    if (!el || reduced || pttl < 0 || typeof el.animate !== 'function') return;
    const { from, durationMs, delayMs } = ttlDrain(pttl, readAt, full, Date.now());
    const animation = el.animate([{ transform: `scaleX(${from})` }, { transform: 'scaleX(0)' }], {
      duration: Math.max(1, durationMs),
      delay: delayMs,
      easing: 'linear',
      fill: 'forwards',
    });
    return () => animation.cancel();
  }, [pttl, readAt, full, reduced]);

  if (pttl < 0) return <span className="ttl none">{t('ui.ttl.none')}</span>;
  const left = drain.leftMs;
  const fraction = full > 0 ? Math.min(1, left / full) : 0;
  return (
    <span className="ttl" role="meter" aria-label={t('ui.ttl')} aria-valuemin={0} aria-valuemax={Math.round(full / 1000)} aria-valuenow={Math.ceil(left / 1000)} aria-valuetext={formatTtl(left, t)}>
      <span className="ttl-track">
        <span
          ref={fill}
          className={`ttl-fill ttl-drain${fraction < 0.1 ? ' low' : ''}`}
          data-pttl={pttl}
          data-read-at={readAt}
          // Reduced motion, or before the animation starts: the bar as it stands now.
          style={{ transform: `scaleX(${reduced ? fraction : drain.from})` }}
        />
      </span>
      <span className="ttl-text">{left === 0 ? t('ui.ttl.expired') : formatTtl(left, t)}</span>
    </span>
  );
}
