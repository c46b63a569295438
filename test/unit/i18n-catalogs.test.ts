import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGS, LOCALES } from '../../shared/i18n/catalog';

const root = join(__dirname, '../..');

type Ast = ReturnType<IntlMessageFormat['getAst']>;
/** The parser's element types (@formatjs/icu-messageformat-parser's TYPE). */
const LITERAL = 0;
const SELECT = 5;
const PLURAL = 6;
const POUND = 7;
const TAG = 8;

/** Parses an ICU message the way the renderer will; throws on a syntax error. */
const parse = (text: string): Ast => new IntlMessageFormat(text, 'en').getAst();

/** Every placeholder a message uses, nested ones (inside plural and select branches) included. */
function placeholders(elements: Ast, out = new Set<string>()): Set<string> {
  for (const el of elements as { type: number; value: string; children?: Ast; options?: Record<string, { value: Ast }> }[]) {
    if (el.type === LITERAL || el.type === POUND) continue;
    if (el.type === TAG) {
      placeholders(el.children ?? [], out);
      continue;
    }
    out.add(el.value);
    if (el.type === PLURAL || el.type === SELECT) for (const option of Object.values(el.options ?? {})) placeholders(option.value, out);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('message catalogs', () => {
  const [first, ...others] = LOCALES;

  it.each(others)('%s has exactly the ids of the first language', (locale) => {
    expect(Object.keys(CATALOGS[locale]).sort()).toEqual(Object.keys(CATALOGS[first]).sort());
  });

  it.each(LOCALES)('no %s message id is defined in two of its files (the later spread would silently win)', async (locale) => {
    const dir = join(root, 'shared/i18n', locale);
    const where = new Map<string, string>();
    const twice: string[] = [];
    for (const file of readdirSync(dir).sort()) {
      const part = ((await import(/* @vite-ignore */ join(dir, file))) as { default: Record<string, string> }).default;
      for (const id of Object.keys(part)) {
        if (where.has(id)) twice.push(`${id}: ${where.get(id)} and ${file}`);
        where.set(id, file);
      }
    }
    expect(where.size).toBe(Object.keys(CATALOGS[locale]).length);
    expect(twice).toEqual([]);
  });

  it.each(LOCALES)('every %s message parses as ICU MessageFormat', (locale) => {
    const broken = Object.entries(CATALOGS[locale]).flatMap(([id, text]) => {
      try {
        parse(text);
        return [];
      } catch (err) {
        return [`${id}: ${(err as Error).message}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it('every message uses the same placeholders in every language', () => {
    const differ: string[] = [];
    for (const [id, text] of Object.entries(CATALOGS[first])) {
      const want = [...placeholders(parse(text))].sort();
      for (const locale of others) {
        const got = [...placeholders(parse((CATALOGS[locale] as Record<string, string>)[id] ?? ''))].sort();
        if (want.join() !== got.join()) differ.push(`${id} (${locale}): ${got.join(', ')} instead of ${want.join(', ')}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('every message id the core and shared code use exists, and every msg() names its id literally', () => {
    const ids = new Set(Object.keys(CATALOGS[first]));
    const missing: string[] = [];
    const dynamic: string[] = [];
    let calls = 0;
    // The core, and the shared code both sides run (input checks, plain errors); the catalogs themselves aside.
    const files = [...sourceFiles(join(root, 'electron/core')), ...sourceFiles(join(root, 'shared')).filter((f) => !f.includes('/i18n/'))];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const rel = file.slice(root.length + 1);
      // The id is a literal, or a conditional whose every branch is one: msg(cond ? 'a.b' : 'c.d', …).
      for (const m of text.matchAll(/\bmsg\(\s*((['"])[\w.-]+\2|[^'",()]*\?\s*(['"])[\w.-]+\3\s*:\s*(['"])[\w.-]+\4|[^,)\s]+)/g)) {
        calls++;
        const literals = [...m[1].matchAll(/(['"])([\w.-]+)\1/g)].map((l) => l[2]);
        const conditional = /^[^'"]*\?\s*(['"])[\w.-]+\1\s*:\s*(['"])[\w.-]+\2$/.test(m[1]);
        if (!(literals.length === 1 && /^(['"])[\w.-]+\1$/.test(m[1])) && !conditional) dynamic.push(`${rel}: msg(${m[1]}`);
        for (const id of literals) if (!ids.has(id)) missing.push(`${rel}: ${id}`);
      }
    }
    expect(missing).toEqual([]);
    expect(dynamic).toEqual([]);
    expect(calls).toBeGreaterThan(0);
  });
});
