import { useState, type FormEvent } from 'react';
import type { PagePosition, ValuePage } from '../../../shared/key-editor-contract';
import { useT } from '../i18n/Msg';
import { useKeyEditorStore } from '../stores/key-editor-store';

/** Rows a page may hold (the host caps it at PAGE_ROWS_MAX, and every page at 200 KiB). */
const PER_PAGE = [50, 100, 200] as const;

/** What a jump takes per type: an index (list, sorted-set rank), a byte offset (string), an entry ID (stream) or a SCAN cursor (hash, set). */
function jumpKind(type: string): 'index' | 'offset' | 'id' | 'cursor' {
  if (type === 'string') return 'offset';
  if (type === 'stream') return 'id';
  if (type === 'hash' || type === 'set') return 'cursor';
  return 'index';
}

/** Where a typed jump goes, or why it cannot: 'form' (not a position of this kind) or 'past' (beyond the value's end). */
function positionFrom(kind: ReturnType<typeof jumpKind>, text: string, size: number): PagePosition | 'form' | 'past' {
  const s = text.trim();
  if (kind === 'id') return /^(?:\d{1,20}(?:-\d{1,20})?|[-+])$/.test(s) ? { by: 'id', start: s, dir: 'forward', exclusive: false } : 'form';
  if (!/^\d{1,15}$/.test(s)) return 'form';
  if (kind === 'cursor') return { by: 'cursor', cursor: s };
  // Said, not clamped: a jump to 99999999999 of a 20 MB string quietly showed its last page.
  if (Number(s) >= size) return 'past';
  return { by: 'index', start: Number(s) };
}

/** The first and last index of `n` things from `start`, both inclusive, as a developer reads "indexes 0–2" (three of them). */
const span = (start: number, n: number) => ({ from: start, to: n > 0 ? start + n - 1 : start });

/** What this page covers, in words: rows a–b of n, bytes a–b of n (first and last, inclusive), or page k of a SCAN walk. */
function coverage(page: ValuePage, rows: number, pageNumber: number, t: ReturnType<typeof useT>): string {
  if (page.string) return t('keyEditor.ui.range.bytes', { ...span(page.string.offset, page.string.length), size: page.size });
  if (page.at.by === 'index') return t('keyEditor.ui.range.rows', { ...span(page.at.start, rows), size: page.size });
  return t('keyEditor.ui.range.page', { page: pageNumber, rows, size: page.size });
}

/** Previous / Next and a jump, for any type; says where the page lies and what SCAN repeated. */
export function ValuePager({ page }: { page: ValuePage }) {
  const t = useT();
  const { rows, repeats, pageNumber, back, loading, count, next, prev, jump, setCount } = useKeyEditorStore();
  const [target, setTarget] = useState('');
  const [bad, setBad] = useState<'form' | 'past'>();
  const kind = jumpKind(page.type);
  const hasPrev = back.length > 0 || !!page.prev;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = positionFrom(kind, target, page.size);
    setBad(typeof at === 'string' ? at : undefined);
    if (typeof at !== 'string') void jump(at);
  };

  return (
    <div className="value-pager" role="group" aria-label={t('keyEditor.ui.pager')}>
      <button type="button" className="small" disabled={!hasPrev || loading} onClick={() => void prev()}>
        {t('keyEditor.ui.prev')}
      </button>
      <button type="button" className="small" disabled={!page.next || loading} onClick={() => void next()}>
        {t('keyEditor.ui.next')}
      </button>
      <span className="muted small" data-testid="value-range" aria-live="polite">
        {coverage(page, rows.length, pageNumber, t)}
        {repeats > 0 ? t('keyEditor.ui.repeats', { n: repeats }) : ''}
        {!page.next && !page.string ? t('keyEditor.ui.end') : ''}
      </span>
      {!page.string && (
        <select className="small" aria-label={t('keyEditor.ui.perPage')} value={count} onChange={(e) => void setCount(Number(e.target.value))}>
          {PER_PAGE.map((n) => (
            <option key={n} value={n}>
              {t('keyEditor.ui.perPageOption', { n })}
            </option>
          ))}
        </select>
      )}
      <form className="value-jump" onSubmit={submit}>
        <input
          className="mono"
          aria-label={t(`keyEditor.ui.jump.${kind}`)}
          placeholder={t(`keyEditor.ui.jump.${kind}`)}
          value={target}
          aria-invalid={!!bad}
          aria-describedby={bad ? 'value-jump-problem' : undefined}
          onChange={(e) => setTarget(e.target.value)}
        />
        <button type="submit" className="small">
          {t('keyEditor.ui.go')}
        </button>
        {bad && (
          <span id="value-jump-problem" className="small field-error" role="alert">
            {bad === 'past' ? t(`keyEditor.ui.jump.past.${kind === 'offset' ? 'offset' : 'index'}`, { size: page.size, last: Math.max(0, page.size - 1) }) : t(`keyEditor.ui.jump.form.${kind}`, { last: Math.max(0, page.size - 1) })}
          </span>
        )}
      </form>
    </div>
  );
}
