import type { ValueBytes, ValuePage } from '../../../shared/key-editor-contract';
import type { Message } from '../../../shared/i18n/message';
import { editableText } from './value-bytes';

/**
 * What Copy value puts on the clipboard, from the page the pane shows (the
 * renderer never holds more of a value than that), and the sentence saying
 * exactly what was copied: the whole string as it is; bytes that are not
 * UTF-8 as \xNN escapes, as the editor takes them; a big string's shown part;
 * a collection's shown page as JSON, elements Redis cut at 1 KiB as cut.
 */
export function valueForClipboard(page: ValuePage): { text: string; said: Message } | undefined {
  const s = page.string;
  if (s) {
    if (s.whole) return { text: editableText(s.whole), said: { id: s.whole.enc === 'base64' ? 'keyEditor.copy.escaped' : 'keyEditor.copy.whole', values: { bytes: page.size } } };
    return { text: s.text, said: { id: 'keyEditor.copy.stringPart', values: { from: s.offset, to: s.offset + s.length, bytes: page.size } } };
  }
  const rows = page.rows;
  if (!rows) return undefined;
  const cell = (v: ValueBytes | undefined) => (v ? editableText(v) : '');
  let cut = 0;
  for (const row of rows) for (const c of row.cells) if (c.bytes !== undefined) cut++;
  let value: unknown;
  switch (page.type) {
    case 'hash':
      value = Object.fromEntries(rows.map((r) => [cell(r.cells[0]), cell(r.cells[1])]));
      break;
    case 'zset':
      value = rows.map((r) => ({ member: cell(r.cells[0]), score: r.score }));
      break;
    case 'stream':
      value = rows.map((r) => {
        const fields: Record<string, string> = {};
        for (let i = 0; i + 1 < r.cells.length; i += 2) fields[cell(r.cells[i])] = cell(r.cells[i + 1]);
        return { id: r.entryId, fields };
      });
      break;
    default:
      value = rows.map((r) => cell(r.cells[0]));
  }
  return { text: JSON.stringify(value, null, 2), said: { id: 'keyEditor.copy.rows', values: { n: rows.length, size: page.size, cut } } };
}
