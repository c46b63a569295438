import { motion, useReducedMotion } from 'motion/react';
import type { ZsetPanel as ZsetData } from '../../../shared/model';
import { useT } from '../i18n/Msg';

/** The sorted set as a ranked bar chart; bars slide to their new rank when scores change. */
export function ZsetPanel({ data }: { data: ZsetData }) {
  const reduced = useReducedMotion();
  const t = useT();
  const max = Math.max(1, ...data.entries.map((e) => e.score));
  return (
    <section className="panel" aria-labelledby="zset-title">
      <header className="panel-header">
        <h2 id="zset-title">{t('ui.zset.title')}</h2>
        <span className="muted small mono">{data.key}</span>
      </header>
      {data.entries.length === 0 ? (
        <p className="empty">{t('ui.zset.empty')}</p>
      ) : (
        <ol className="zset" aria-label={t('ui.zset.ranking')}>
          {data.entries.map((e, i) => (
            <motion.li
              key={e.member}
              layout={!reduced}
              transition={{ type: 'spring', stiffness: 500, damping: 40 }}
              className="zset-row"
              aria-label={`#${i + 1} ${e.member} ${e.score}`}
            >
              <span className="zset-rank">#{i + 1}</span>
              <span className="zset-member mono">{e.member}</span>
              <span className="zset-bar-track">
                <motion.span className="zset-bar" initial={false} animate={{ width: `${Math.max(2, (Math.max(0, e.score) / max) * 100)}%` }} transition={{ duration: reduced ? 0 : 0.35 }} />
              </span>
              <span className="zset-score mono">{e.score}</span>
            </motion.li>
          ))}
        </ol>
      )}
    </section>
  );
}
