import { useLayoutEffect, useRef } from 'react';
import { formatTtl } from '../format';
import { useReducedMotion } from '../hooks/use-reduced-motion';
import { secondClockNow, useSecondClock } from '../hooks/use-second-clock';
import { useT } from '../i18n/Msg';
import { drainsVisibly, ttlDrain } from './ttl-drain';
import './ttl-bar.css';

/**
 * A TTL counting down from one PTTL reading and the time it was read; the
 * bar's full width is the longest TTL seen for this key, so it drains.
 *
 * The bar drains by one transform animation set from the reading (duration =
 * PTTL, a negative delay for the time since it was read), which the
 * compositor runs: nothing re-renders while it drains. Only the seconds text
 * changes, once a second on the clock all bars share (one frame a second for
 * any number of bars), and the bar leaves the clock at 0. A bar that moves less than a pixel a second (a long
 * TTL), or any bar with reduced motion, is not animated: it is set with the
 * text, once a second.
 */
export function TtlBar({ pttl, readAt, full }: { pttl: number; readAt: number; full: number }) {
  const t = useT();
  const reduced = useReducedMotion();
  const animated = !reduced && pttl > 0 && drainsVisibly(full);
  const fill = useRef<HTMLSpanElement>(null);
  // The shared second clock, for the text (and a bar not animated); off once the bar shows 0.
  // Its time can only be older than now, so a 0 worked out from it is truly expired.
  const clock = useSecondClock(pttl > 0 && ttlDrain(pttl, readAt, full, secondClockNow()).leftMs > 0);
  const drain = ttlDrain(pttl, readAt, full, Math.max(clock, readAt));

  useLayoutEffect(() => {
    const el = fill.current;
    if (!el || !animated || typeof el.animate !== 'function') return;
    const { from, durationMs, delayMs } = ttlDrain(pttl, readAt, full, Date.now());
    const animation = el.animate([{ transform: `scaleX(${from})` }, { transform: 'scaleX(0)' }], {
      duration: Math.max(1, durationMs),
      delay: delayMs,
      easing: 'linear',
      fill: 'forwards',
    });
    return () => animation.cancel();
  }, [pttl, readAt, full, animated]);

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
          data-animated={animated}
          // Not animated: the bar as it stands now, set once a second with the text.
          style={{ transform: `scaleX(${animated ? drain.from : fraction})` }}
        />
      </span>
      <span className="ttl-text">{left === 0 ? t('ui.ttl.expired') : formatTtl(left, t)}</span>
    </span>
  );
}
