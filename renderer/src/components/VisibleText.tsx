import { INVISIBLE_CHARS } from '../../../shared/unseen-chars';

/**
 * Characters that draw nothing or reorder what follows: zero widths,
 * direction marks, embeddings, overrides and isolates, line separators, the
 * BOM, the soft hyphen, and control characters. Shown as they are, U+202E
 * drew "GET rpi:\u202eevil" with the line's timing reversed into the key
 * name, so the echo did not show what was sent.
 */
const INVISIBLE = new RegExp(`([\\x00-\\x08\\x0b-\\x1f\\x7f${INVISIBLE_CHARS}])`);

const code = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** Unicode's own name for a code point (U+202E): notation, not a word to translate. */
const codePoint = (c: string) => 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** Text as typed, with each invisible or reordering character drawn as a marked \uNNNN (told apart from typed text by its style). */
export function VisibleText({ text }: { text: string }) {
  if (!INVISIBLE.test(text)) return <>{text}</>;
  return (
    <>
      {text.split(INVISIBLE).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="invisible-char" title={codePoint(part)}>
            {code(part)}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}
