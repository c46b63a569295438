import type { CSSProperties } from 'react';
import type { Denial, ValueCell } from '../../../shared/model';

/** What Redis refused, in plain words, from the NOPERM the host read. */
export function denialText(d: Denial): string {
  const command = d.command.toUpperCase();
  return d.kind === 'key' ? `your Redis user may not read this key (NOPERM on ${command})` : `your Redis user may not run ${command} (NOPERM)`;
}

/** A short form for narrow cells; the full sentence goes in the title. */
export function denialShort(d: Denial): string {
  return d.kind === 'key' ? 'no access' : `${d.command.toUpperCase()} refused`;
}

export const byteCount = (bytes: number) => `${bytes.toLocaleString('en-US')} bytes`;

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
  if (bytes === undefined)
    return (
      <span className={className} title={label}>
        {label}
      </span>
    );
  return (
    <span className={className} style={row} title={`${label} (${byteCount(bytes)})`}>
      <span style={name}>{label}</span>
      <span className="muted small" style={length}>
        ({byteCount(bytes)})
      </span>
    </span>
  );
}

/** One element as shown: whole, or its start with the element's full length. */
export function Cell({ cell }: { cell: ValueCell }) {
  if (typeof cell === 'string') return <>{cell}</>;
  return (
    <>
      {cell.text} <span className="muted small">({byteCount(cell.bytes)})</span>
    </>
  );
}
