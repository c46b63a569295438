import type { CSSProperties } from 'react';
import type { Denial, ValueCell } from '../../../shared/model';
import { useT } from '../i18n/Msg';

type Say = ReturnType<typeof useT>;

/** What Redis refused, in plain words, from the NOPERM the host read. */
export function denialText(d: Denial, t: Say): string {
  const command = d.command.toUpperCase();
  return d.kind === 'key' ? t('ui.denial.key', { command }) : t('ui.denial.command', { command });
}

/** A short form for narrow cells; the full sentence goes in the title. */
export function denialShort(d: Denial, t: Say): string {
  return d.kind === 'key' ? t('ui.noAccess') : t('ui.denial.short', { command: d.command.toUpperCase() });
}

export const byteCount = (bytes: number, t: Say) => t('ui.bytes', { n: bytes });

const row: CSSProperties = { display: 'flex', gap: 6, minWidth: 0, alignItems: 'baseline', overflow: 'hidden' };
const cut: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
// In a narrow column both give way, the name keeping its first letters.
const name: CSSProperties = { ...cut, minWidth: '3em', flex: '0 1 auto' };
const length: CSSProperties = { ...cut, minWidth: 0, flex: '0 10 auto' };

/**
 * A key name, and when it is only the start of a longer one, its full length
 * beside it — kept visible however narrow the column (the name gives way first).
 */
export function KeyName({ label, bytes, className }: { label: string; bytes?: number; className?: string }) {
  const t = useT();
  if (label === '') return <EmptyName className={className} />;
  if (bytes === undefined)
    return (
      <span className={className} title={label}>
        {label}
      </span>
    );
  return (
    <span className={className} style={row} title={`${label} (${byteCount(bytes, t)})`}>
      <span style={name}>{label}</span>
      <span className="muted small" style={length}>
        ({byteCount(bytes, t)})
      </span>
    </span>
  );
}

/** A name of zero bytes (a key, or a folder between two delimiters), which would otherwise show as nothing at all. */
export function EmptyName({ className }: { className?: string }) {
  const t = useT();
  return (
    <span className={`${className ?? ''} muted empty-name`} title={t('browserList.emptyName.title')}>
      {t('browserList.emptyName')}
    </span>
  );
}

/** One element as shown: whole, or its start with the element's full length. */
export function Cell({ cell }: { cell: ValueCell }) {
  const t = useT();
  if (typeof cell === 'string') return <>{cell}</>;
  return (
    <>
      {cell.text} <span className="muted small">({byteCount(cell.bytes, t)})</span>
    </>
  );
}
