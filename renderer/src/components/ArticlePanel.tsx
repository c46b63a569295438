import { ToggleGroup } from 'radix-ui';
import { create } from 'zustand';
import { ARTICLE_PATTERNS, ARTICLE_SECTIONS, ARTICLE_TITLE, type ArticleDefect, type ArticleSection } from '../../../shared/article/article';
import { msg, type Message } from '../../../shared/i18n/message';
import type { RedisTrace, StepResult, TraceEntry } from '../../../shared/model';
import { formatMs } from '../format';
import { Msg, useT } from '../i18n/Msg';
import { CodePane } from './CodePane';
import './article.css';

/** What the article says about each section, in the app's words. */
const SAYS: Record<ArticleSection, { pros?: Message; cons?: Message; use?: Message; shape?: Message }> = {
  cacheAside: { pros: msg('article.cacheAside.pros'), cons: msg('article.cacheAside.cons'), shape: msg('article.cacheAside.shape') },
  writeThrough: { pros: msg('article.writeThrough.pros'), cons: msg('article.writeThrough.cons'), shape: msg('article.writeThrough.shape') },
  writeBehind: { pros: msg('article.writeBehind.pros'), cons: msg('article.writeBehind.cons') },
  pubsub: { use: msg('article.pubsub.use'), shape: msg('article.pubsub.shape') },
  sortedSets: { use: msg('article.sortedSets.use') },
  lua: { use: msg('article.lua.use') },
};

const DEFECTS: Record<ArticleDefect, { title: Message; text: Message; fix: Message }> = {
  a: { title: msg('article.defect.a'), text: msg('article.defect.a.text'), fix: msg('article.defect.a.fix') },
  b: { title: msg('article.defect.b'), text: msg('article.defect.b.text'), fix: msg('article.defect.b.fix') },
  c: { title: msg('article.defect.c'), text: msg('article.defect.c.text'), fix: msg('article.defect.c.fix') },
  d: { title: msg('article.defect.d'), text: msg('article.defect.d.text', { q: "'" }), fix: msg('article.defect.d.fix', { action: msg('article.bytes.action') }) },
};

const redisOf = (trace: TraceEntry[]) => trace.filter((t): t is RedisTrace => t.kind === 'redis');
const commandsOf = (history: StepResult[], name: string) => history.flatMap((r) => redisOf(r.trace)).filter((t) => t.command.toUpperCase() === name);
const lastOf = <T,>(list: T[]): T | undefined => list[list.length - 1];

/** What this run measured about the section's claims: from the session's step results, never assumed. */
export function observations(section: ArticleSection, history: StepResult[]): Message[] {
  if (!history.length) return [msg('article.obs.none')];
  const out: Message[] = [];
  if (section === 'cacheAside') {
    const miss = lastOf(history.filter((r) => r.outcome === 'miss'))?.durationMs;
    const hit = lastOf(history.filter((r) => r.outcome === 'hit' || r.outcome === 'stale'))?.durationMs;
    if (miss !== undefined && hit !== undefined) out.push(msg('article.obs.cacheAside', { miss: formatMs(miss), hit: formatMs(hit), times: Math.max(1, Math.round(miss / hit)) }));
    else if (miss !== undefined) out.push(msg('article.obs.cacheAside.missOnly', { miss: formatMs(miss) }));
    else if (hit !== undefined) out.push(msg('article.obs.cacheAside.hitOnly', { hit: formatMs(hit) }));
  } else if (section === 'writeThrough') {
    const write = history.find((r) => r.trace.some((t) => t.kind === 'db' && t.op === 'write') && redisOf(r.trace).some((t) => t.command.toUpperCase() === 'SETEX'));
    if (write) {
      const db = write.trace.find((t) => t.kind === 'db' && t.op === 'write');
      const setex = redisOf(write.trace).find((t) => t.command.toUpperCase() === 'SETEX')!;
      out.push(msg('article.obs.writeThrough', { db: formatMs(db?.kind === 'db' ? db.durationMs : 0), setex: formatMs(setex.durationMs) }));
      const read = history.slice(history.indexOf(write) + 1).find((r) => r.outcome === 'hit' || r.outcome === 'miss');
      if (read) out.push(msg('article.obs.writeThrough.read', { hit: read.outcome === 'hit' ? 'yes' : 'no' }));
    }
  } else if (section === 'writeBehind') {
    const incr = commandsOf(history, 'INCRBY');
    if (incr.length) out.push(msg('article.obs.writeBehind', { n: incr.length, avg: formatMs(incr.reduce((t, c) => t + c.durationMs, 0) / incr.length) }));
    out.push(msg('article.obs.writeBehind.lost', { n: history.filter((r) => r.outcome === 'lost').length }));
  } else if (section === 'pubsub') {
    const publish = lastOf(commandsOf(history, 'PUBLISH'));
    if (publish) out.push(msg('article.obs.pubsub', { receivers: Number(/-?\d+/.exec(publish.reply)?.[0] ?? 0), missed: history.filter((r) => r.outcome === 'missed').length }));
  } else if (section === 'sortedSets') {
    const range = lastOf(commandsOf(history, 'ZRANGEBYSCORE'));
    if (range) out.push(msg('article.obs.sortedSets.range', { reply: range.reply }));
    const rank = lastOf(commandsOf(history, 'ZREVRANK'));
    if (rank) out.push(msg('article.obs.sortedSets.rank', { reply: rank.reply }));
  }
  if (!out.length) {
    const commands = history.flatMap((r) => redisOf(r.trace));
    const slowest = commands.reduce((m, c) => Math.max(m, c.durationMs), 0);
    out.push(msg('article.obs.generic', { steps: history.length, commands: commands.length, slowest: formatMs(slowest) }));
  }
  return out;
}

/** One line under the step title: the article and the section the pattern comes from. */
export function ArticleSource({ patternId }: { patternId: string }) {
  const link = ARTICLE_PATTERNS[patternId];
  if (!link) return null;
  return (
    <p className="article-source muted small" lang="ko">
      <Msg id="article.source" values={{ article: ARTICLE_TITLE, section: ARTICLE_SECTIONS[link.section] }} />
    </p>
  );
}

/** The Article tab: what the section says, what this run showed about it, and the article's defects here with their fixes. */
export function ArticlePanel({ patternId, history }: { patternId: string; history: StepResult[] }) {
  const t = useT();
  const link = ARTICLE_PATTERNS[patternId];
  if (!link) return null;
  const says = SAYS[link.section];
  return (
    <section className="article-panel" aria-label={t('article.tab')}>
      <h3>{t('article.says')}</h3>
      <dl className="article-says">
        {says.pros && (
          <>
            <dt>{t('article.pros')}</dt>
            <dd>{t(says.pros)}</dd>
          </>
        )}
        {says.cons && (
          <>
            <dt>{t('article.cons')}</dt>
            <dd>{t(says.cons)}</dd>
          </>
        )}
        {says.use && (
          <>
            <dt>{t('article.use')}</dt>
            <dd>{t(says.use)}</dd>
          </>
        )}
        {says.shape && (
          <>
            <dt>{t('article.shape')}</dt>
            <dd>{t(says.shape)}</dd>
          </>
        )}
      </dl>
      <h3>{t('article.run')}</h3>
      <ul className="article-run" aria-label={t('article.run')}>
        {observations(link.section, history).map((m, i) => (
          <li key={i}>{t(m)}</li>
        ))}
      </ul>
      {link.defects.length > 0 && (
        <>
          <h3>{t('article.defects')}</h3>
          <ul className="article-defects">
            {link.defects.map((d) => (
              <li key={d}>
                <strong>{t(DEFECTS[d].title)}</strong>
                <p>{t(DEFECTS[d].text)}</p>
                <p>
                  <span className="article-fix">{t('article.fix')}:</span> {t(DEFECTS[d].fix)}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Which language the code pane shows, kept while the reader moves between tabs and steps. */
const useCodeLanguage = create<{ language: 'ts' | 'py'; set(language: 'ts' | 'py'): void }>((set) => ({ language: 'ts', set: (language) => set({ language }) }));

/** The step's code: the TypeScript that runs and, for a step from the article, the same commands in Python (redis-py). */
export function StepCode({ patternId, index, code }: { patternId: string; index: number; code: string }) {
  const t = useT();
  const { language, set: setLanguage } = useCodeLanguage();
  const python = ARTICLE_PATTERNS[patternId]?.steps[index]?.python;
  const showing = python && language === 'py' ? 'py' : 'ts';
  return (
    <div className="step-code">
      {ARTICLE_PATTERNS[patternId] && (
        <div className="code-toolbar">
          {python ? (
            <ToggleGroup.Root type="single" value={showing} onValueChange={(v) => v && setLanguage(v as 'ts' | 'py')} aria-label={t('article.code.language')} className="code-lang">
              <ToggleGroup.Item value="ts">{t('article.code.typescript')}</ToggleGroup.Item>
              <ToggleGroup.Item value="py">{t('article.code.python')}</ToggleGroup.Item>
            </ToggleGroup.Root>
          ) : null}
          <span className="muted small">{t(python ? (showing === 'py' ? 'article.code.pythonNote' : 'article.code.typescript') : 'article.code.appOnly')}</span>
        </div>
      )}
      <CodePane code={showing === 'py' ? python! : code} language={showing === 'py' ? 'python' : 'tsx'} />
    </div>
  );
}
