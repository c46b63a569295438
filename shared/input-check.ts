/**
 * The one validation path for what the user types into a pattern's
 * parameters and actions. The renderer checks with it as the user types (so
 * the message sits under the field) and the host checks again with the same
 * functions before anything runs (so a value that slips past is refused with
 * the same words, never clamped behind the user's back). Every sentence is a
 * Message, shown in the user's language; `message` is its English.
 */
import { formatMessage } from './i18n/format';
import { msg, type Message } from './i18n/message';
import type { ActionField, ParamSpec } from './model';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string; msg: Message };

const refuse = (m: Message): { ok: false; message: string; msg: Message } => ({ ok: false, message: formatMessage(m), msg: m });

/** "1–100" or "1–100 ms": the range shown beside a field and inside its messages. */
export function rangeText(min: number, max: number, unit?: Message): Message {
  return unit ? msg('check.rangeUnit', { min, max, unit }) : msg('check.range', { min, max });
}

/** A bound with its unit: "5,000 ms". */
const withUnit = (n: number, unit?: Message): Message => (unit ? msg('check.valueUnit', { n, unit }) : msg('check.value', { n }));

/**
 * A number in [min, max] (whole unless `whole` is false), from what was
 * typed (a string) or sent (a number). Blank, malformed, fractional or
 * out-of-range input gets a sentence that names the field and its range.
 */
export function checkNumber(
  label: Message,
  raw: string | number | undefined,
  min: number,
  max: number,
  opts: { unit?: Message; whole?: boolean } = {},
): Checked<number> {
  const { unit, whole = true } = opts;
  const range = rangeText(min, max, unit);
  const kind = whole ? 'whole' : 'any';
  const text = typeof raw === 'number' ? String(raw) : (raw ?? '').trim();
  if (text === '') return refuse(msg('check.empty', { label, kind, range }));
  // Number(' ') is 0 and Number('0x10') is 16: accept plain decimal notation only.
  if (typeof raw === 'string' && !/^-?\d+(\.\d+)?$/.test(text)) return refuse(msg('check.notNumber', { label, kind, range, text: clip(text) }));
  const n = typeof raw === 'number' ? raw : Number(text);
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n))) return refuse(msg('check.notInRange', { label, kind, range }));
  if (n < min) return refuse(msg('check.tooSmall', { label, bound: withUnit(min, unit), range }));
  if (n > max) return refuse(msg('check.tooBig', { label, bound: withUnit(max, unit), range }));
  return { ok: true, value: n };
}

export function checkParam(spec: ParamSpec, raw: string | number | undefined): Checked<number> {
  return checkNumber(spec.label, raw, spec.min, spec.max, { unit: spec.unit });
}

/** Every parameter of a pattern, or the first one that is wrong with its name. */
export function checkParams(specs: ParamSpec[], raw: Record<string, string | number | undefined>): Checked<Record<string, number>> & { field?: string } {
  const out: Record<string, number> = {};
  for (const spec of specs) {
    const checked = checkParam(spec, raw[spec.name]);
    if (!checked.ok) return { ...checked, field: spec.name };
    out[spec.name] = checked.value;
  }
  return { ok: true, value: out };
}

/** One field of a pattern action: a number in its range, or text matching its pattern. */
export function checkActionField(field: ActionField, raw: string | number | undefined): Checked<string | number> {
  if (field.kind === 'number') {
    const min = field.min ?? Number.MIN_SAFE_INTEGER;
    const max = field.max ?? Number.MAX_SAFE_INTEGER;
    // Action numbers may be fractional (a sorted-set score); the range still holds.
    return checkNumber(field.label, raw, min, max, { whole: false });
  }
  const text = typeof raw === 'string' ? raw.trim() : '';
  const example = field.placeholder ? msg('check.example', { example: field.placeholder }) : '';
  if (!text) return refuse(msg('check.textEmpty', { label: field.label, example }));
  // 'u': a pattern may name Unicode classes (\p{L}), and a character outside the BMP is one character, not two.
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(text)) {
    return refuse(msg('check.textInvalid', { label: field.label, text: clip(text), example }));
  }
  return { ok: true, value: text };
}

/** The range hint of an action field, when it has one. */
export function fieldHint(field: ActionField): Message | undefined {
  if (field.kind === 'number' && field.min !== undefined && field.max !== undefined) return rangeText(field.min, field.max);
  return field.placeholder ? msg('check.eg', { example: field.placeholder }) : undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
