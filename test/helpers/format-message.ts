import { CATALOGS, type Locale } from '../../shared/i18n/catalog';
import { formatMessage } from '../../shared/i18n/format';
import type { Message } from '../../shared/i18n/message';

/**
 * A core Message as the renderer would show it, formatted with the real
 * catalog (English unless told), so assertions stay readable sentences.
 * Throws on an id the catalog lacks, rather than printing the id.
 */
export function fmt(m: Message | undefined, locale: Locale = 'en'): string {
  if (!m) return '';
  const missing = (inner: Message): void => {
    if (!(inner.id in CATALOGS[locale])) throw new Error(`No message "${inner.id}" in the ${locale} catalog`);
    for (const v of Object.values(inner.values ?? {})) if (typeof v === 'object') missing(v);
  };
  missing(m);
  return formatMessage(m, locale);
}

/** A type with every Message in it (however deep) replaced by its formatted text. */
export type English<T> = T extends { id: string; values?: unknown }
  ? Exclude<keyof T, 'id' | 'values'> extends never
    ? string
    : { [K in keyof T]: English<T[K]> }
  : T extends (infer U)[]
    ? English<U>[]
    : T extends object
      ? { [K in keyof T]: English<T[K]> }
      : T;

const isMessage = (v: unknown): v is Message =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Message).id === 'string' && Object.keys(v).every((k) => k === 'id' || k === 'values');

/**
 * A step result, session state or panel with every Message in it formatted
 * in English: what the user reads, so tests assert sentences, not ids.
 */
export function english<T>(value: T): English<T> {
  if (isMessage(value)) return fmt(value) as English<T>;
  if (Array.isArray(value)) return value.map(english) as English<T>;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, english(v)])) as English<T>;
  return value as English<T>;
}
