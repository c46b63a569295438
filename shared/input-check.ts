/**
 * The one validation path for what the user types into a pattern's
 * parameters and actions. The renderer checks with it as the user types (so
 * the message sits under the field) and the host checks again with the same
 * functions before anything runs (so a value that slips past is refused with
 * the same words, never clamped behind the user's back).
 */
import type { ActionField, ParamSpec } from './model';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** "1–100" or "1–100 ms": the range shown beside a field and inside its messages. */
export function rangeText(min: number, max: number, unit?: string): string {
  return `${fmt(min)}–${fmt(max)}${unit ? ` ${unit}` : ''}`;
}

/**
 * A number in [min, max] (whole unless `whole` is false), from what was
 * typed (a string) or sent (a number). Blank, malformed, fractional or
 * out-of-range input gets a sentence that names the field and its range.
 */
export function checkNumber(
  label: string,
  raw: string | number | undefined,
  min: number,
  max: number,
  opts: { unit?: string; whole?: boolean } = {},
): Checked<number> {
  const { unit, whole = true } = opts;
  const range = rangeText(min, max, unit);
  const kind = whole ? 'a whole number' : 'a number';
  const text = typeof raw === 'number' ? String(raw) : (raw ?? '').trim();
  if (text === '') return { ok: false, message: `${label} is empty: enter ${kind} from ${range}.` };
  // Number(' ') is 0 and Number('0x10') is 16: accept plain decimal notation only.
  if (typeof raw === 'string' && !/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, message: `${label} must be ${kind} from ${range}; "${clip(text)}" is not one.` };
  const n = typeof raw === 'number' ? raw : Number(text);
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n))) return { ok: false, message: `${label} must be ${kind} from ${range}.` };
  const withUnit = (v: number) => `${fmt(v)}${unit ? ` ${unit}` : ''}`;
  if (n < min) return { ok: false, message: `${label} must be at least ${withUnit(min)} (range ${range}).` };
  if (n > max) return { ok: false, message: `${label} can be at most ${withUnit(max)} (range ${range}).` };
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
  const example = field.placeholder ? ` (e.g. ${field.placeholder})` : '';
  if (!text) return { ok: false, message: `${field.label} is empty: type one${example}.` };
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(text)) {
    return { ok: false, message: `${field.label} is not valid: "${clip(text)}" is not allowed here${example}.` };
  }
  return { ok: true, value: text };
}

/** The range hint of an action field, when it has one. */
export function fieldHint(field: ActionField): string | undefined {
  if (field.kind === 'number' && field.min !== undefined && field.max !== undefined) return rangeText(field.min, field.max);
  return field.placeholder ? `e.g. ${field.placeholder}` : undefined;
}

/** 1,000,000 rather than 1000000: ranges are read at a glance. */
function fmt(n: number): string {
  return n.toLocaleString('en');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
