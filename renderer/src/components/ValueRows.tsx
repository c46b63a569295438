import type { ValuePage, ValueRow, ValueBytes } from '../../../shared/key-editor-contract';
import type { MessageId } from '../../../shared/i18n/catalog';
import { useT } from '../i18n/Msg';
import { byteCount } from './key-display';
import { shownText } from './value-bytes';

const HEADERS: Record<string, MessageId[]> = {
  list: ['ui.value.col.index', 'ui.value.col.value'],
  set: ['ui.value.col.member'],
  zset: ['keyEditor.ui.col.rank', 'ui.value.col.member', 'ui.value.col.score'],
  hash: ['ui.value.col.field', 'ui.value.col.value'],
  stream: ['ui.value.col.entryId', 'ui.value.col.fields'],
};

/** One cell: its text, and when only its start travelled, its full length beside it. */
function Bytes({ v }: { v: ValueBytes }) {
  const t = useT();
  const text = shownText(v);
  if (v.bytes === undefined) return <>{text}</>;
  return (
    <>
      {text}
      {text ? '…' : ''} <span className="muted small">({byteCount(v.bytes, t)})</span>
    </>
  );
}

/** A stream entry's fields as field=value pairs, and how many more it has. */
function StreamFields({ row }: { row: ValueRow }) {
  const t = useT();
  const pairs = [];
  for (let i = 0; i + 1 < row.cells.length; i += 2) {
    pairs.push(
      <span key={i} className="stream-pair">
        <Bytes v={row.cells[i]} />=<Bytes v={row.cells[i + 1]} />
      </span>,
    );
  }
  const hidden = (row.fieldCount ?? 0) - pairs.length;
  return (
    <>
      {pairs}
      {hidden > 0 && <span className="muted small">{t('keyEditor.ui.moreFields', { n: hidden })}</span>}
    </>
  );
}

/**
 * One page of a collection as a table; each row has its edit and remove
 * buttons when the key may be changed (the host checks again).
 */
export function ValueRows(props: { page: ValuePage; rows: ValueRow[]; writable: boolean; onEdit(row: ValueRow): void; onRemove(row: ValueRow): void }) {
  const t = useT();
  const { page, rows } = props;
  const headers = HEADERS[page.type] ?? [];
  const editable = props.writable && page.type !== 'stream';
  const rowName = (row: ValueRow) => row.entryId ?? (row.index !== undefined && page.type === 'list' ? String(row.index) : shownText(row.cells[0] ?? { text: '' }));
  return (
    <table className="data-table value-rows" aria-label={t('ui.value.elements')}>
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h}>{t(h)}</th>
          ))}
          {props.writable && <th className="row-actions-head">{t('keyEditor.ui.col.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={`${row.entryId ?? row.index ?? ''}:${i}`}>
            {page.type === 'list' && <td className="mono muted">{row.index}</td>}
            {page.type === 'zset' && <td className="mono muted">{row.index}</td>}
            {page.type === 'stream' ? (
              <>
                <td className="mono">{row.entryId}</td>
                <td className="mono">
                  <StreamFields row={row} />
                </td>
              </>
            ) : (
              row.cells.map((c, j) => (
                <td key={j} className="mono">
                  <Bytes v={c} />
                </td>
              ))
            )}
            {page.type === 'zset' && <td className="mono">{row.score}</td>}
            {props.writable && (
              <td className="row-actions">
                {editable && (
                  <button type="button" className="small" aria-label={t('keyEditor.ui.editRow', { what: rowName(row) })} onClick={() => props.onEdit(row)}>
                    {t('keyEditor.ui.edit')}
                  </button>
                )}
                <button type="button" className="small" aria-label={t('keyEditor.ui.removeRow', { what: rowName(row) })} onClick={() => props.onRemove(row)}>
                  {t('keyEditor.ui.remove')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
