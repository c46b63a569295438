import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { list as redisCommands } from '@ioredis/commands';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word a component shows must come from a message (useT(), <Msg>,
 * <Rich>), so it exists in Korean and English alike. This parses every
 * renderer component with the TypeScript compiler and flags what would be
 * shown as written in the source:
 *
 * - JSX text with a letter in it (`<button>Reset</button>`);
 * - a string literal or template text with a letter in it given to a
 *   user-facing attribute (title, aria-label, placeholder, alt, label, …),
 *   directly or through a conditional (`aria-label={a ? 'X' : 'Y'}`);
 * - the same rendered as a child expression (`{busy ? 'Connecting…' : 'Connect'}`).
 *
 * A literal passed to a function call is not flagged: it is a message id
 * (`t('ui.controls.step')`, typed against the catalogs by tsc) or an
 * argument that is not shown. Letters are any script's (\p{L}), so Hangul
 * written straight into a component is caught too.
 */

/** Attributes whose value a user reads or hears. */
const USER_FACING_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'placeholder', 'alt', 'label']);

/**
 * Shown as written in every language, on purpose. Keep this short: each
 * entry is a name or a symbol, never a sentence.
 */
const ALLOWED = new Set([
  // The product's and the server's names.
  'Redis Pattern Inspector',
  'Redis',
  // The Redis username Redis itself creates, as the username field's placeholder.
  'default',
]);
/** Redis command names in capitals (SCAN, MEMORY USAGE's MEMORY, …), from ioredis' command table: the same words in every language. */
const COMMANDS = new Set(redisCommands.map((c) => c.toUpperCase()));
/** Units written after a number. */
const UNITS = new Set(['ms', 's']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALLOWED_PHRASES = new RegExp(`(?<![\\p{L}])(${[...ALLOWED].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}])`, 'gu');

/** True when every word left after the allowed names is a unit or a Redis command name. */
export function isAllowed(text: string): boolean {
  const words = text.replace(ALLOWED_PHRASES, ' ').match(/\p{L}+/gu) ?? [];
  return words.every((w) => UNITS.has(w) || COMMANDS.has(w));
}

export interface Finding {
  file: string;
  line: number;
  text: string;
  where: string;
}

/** The string parts of an expression that would be shown as they are: literals and template text, through conditionals and logical operators. */
function shownLiterals(node: ts.Expression, out: { node: ts.Node; text: string }[]): void {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return shownLiterals(node.expression, out);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    out.push({ node, text: node.text });
    return;
  }
  if (ts.isTemplateExpression(node)) {
    out.push({ node, text: [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ') });
    // A template's placeholders may hold literals shown too: `${done ? ' — finished' : ''}`.
    for (const span of node.templateSpans) shownLiterals(span.expression, out);
    return;
  }
  if (ts.isConditionalExpression(node)) {
    shownLiterals(node.whenTrue, out);
    shownLiterals(node.whenFalse, out);
    return;
  }
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return shownLiterals(node.right, out);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.PlusToken) {
      shownLiterals(node.left, out);
      shownLiterals(node.right, out);
    }
  }
  // Calls (t('ui.…'), formatters), identifiers, property reads: not literal text.
}

/** Every literal user-facing string in one .tsx source. */
export function findLiteralUiStrings(source: string, file = 'component.tsx'): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string, where: string) => {
    if (isAllowed(text)) return;
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    findings.push({ file, line: line + 1, text: text.replace(/\s+/g, ' ').trim(), where });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      report(node, node.text, 'JSX text');
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      if (USER_FACING_ATTRIBUTES.has(name) && node.initializer) {
        const found: { node: ts.Node; text: string }[] = [];
        if (ts.isStringLiteral(node.initializer)) found.push({ node: node.initializer, text: node.initializer.text });
        else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) shownLiterals(node.initializer.expression, found);
        for (const f of found) report(f.node, f.text, `${name}=`);
      }
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const found: { node: ts.Node; text: string }[] = [];
      shownLiterals(node.expression, found);
      for (const f of found) report(f.node, f.text, 'JSX child');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return name.endsWith('.tsx') ? [path] : [];
  });
}

const root = join(__dirname, '../..');

describe('no literal user-facing strings in renderer components', () => {
  it('the check catches what it is meant to catch', () => {
    const source = `
      export function Bad({ busy, n }: { busy: boolean; n: number }) {
        return (
          <div title="Delete keys" aria-label={busy ? 'Busy' : t('ui.idle')}>
            Step
            <input placeholder={\`\${n} keys\`} />
            {busy ? 'Connecting…' : 'Connect'}
            {n > 0 && ' · finished'}
            <span>연결</span>
          </div>
        );
      }`;
    expect(findLiteralUiStrings(source).map((f) => `${f.where} ${f.text}`)).toEqual([
      'title= Delete keys',
      'aria-label= Busy',
      'JSX text Step',
      'placeholder= keys',
      'JSX child Connecting…',
      'JSX child Connect',
      'JSX child · finished',
      'JSX text 연결',
    ]);
  });

  it('the check lets through messages, names, command names, units and symbols', () => {
    const source = `
      export function Good({ t, v, ok }: { t: (id: string) => string; v: string; ok: boolean }) {
        return (
          <div title={t('ui.x')} aria-label={v} className="panel header">
            {t('ui.y')}
            <Msg id="ui.z" />
            <h1>Redis Pattern Inspector</h1>
            <span>Redis {v}</span>
            <strong>SCAN</strong> <code>MONITOR</code>
            {v} ms — → ⇅ #{v}
            {ok ? 'SCAN' : '—'}
            <input placeholder="default" />
          </div>
        );
      }`;
    expect(findLiteralUiStrings(source)).toEqual([]);
  });

  it('renderer/src/**/*.tsx renders every word it shows from a message', () => {
    const findings = tsxFiles(join(root, 'renderer/src')).flatMap((file) => findLiteralUiStrings(readFileSync(file, 'utf8'), relative(root, file)));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.where} ${JSON.stringify(f.text)}`)).toEqual([]);
  });
});
