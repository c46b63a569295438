import type { ReactNode } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { BytesIn, CreateKeyInput, EditOp, ValuePage, ValueRow } from '../../../shared/key-editor-contract';
import { call, ApiError } from '../api/client';
import { useT } from '../i18n/Msg';
import { useKeyEditorStore } from '../stores/key-editor-store';
import type { EditField } from './EditDialog';
import { ESCAPED } from './EditDialog';
import { asBytesIn, bytesFromEditor, editableText, isWhole, modeOf, shownText, type EditMode } from './value-bytes';

/** An edit dialog to open: its texts, inputs and what Apply sends. */
export interface DialogSpec {
  title: string;
  description: ReactNode;
  fields: EditField[];
  confirmLabel: string;
  submit(values: Record<string, string>): Promise<AppErrorData | string | undefined>;
}

/** A destructive edit to confirm: what is asked, and the edit. */
export interface ConfirmSpec {
  title: string;
  description: string;
  confirmLabel: string;
  op: EditOp;
}

type Say = ReturnType<typeof useT>;

const TTL_MAX_S = 100 * 365 * 24 * 3600;
const SCORE = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf)$/i;

/**
 * The dialogs of every edit the value pane offers, built from the page and
 * row shown: each sends what the user saw with it (`expect`), so the host
 * can tell when another client changed it meanwhile.
 */
export function useValueEdits(page: ValuePage | null | undefined) {
  const t = useT();
  const edit = useKeyEditorStore((s) => s.edit);
  const create = useKeyEditorStore((s) => s.create);

  /** A field typed as bytes: as text, or as \xNN escapes when the dialog's switch says so (on from the start for bytes that are not UTF-8). */
  const valueField = (name: string, label: string, initial: string, mode: EditMode, multiline = true): EditField => ({
    name,
    label,
    initial,
    multiline,
    bytes: true,
    ...(mode === 'escaped' ? { escaped: true } : {}),
  });
  const bytesField = (name: string, label: string, optional = false): EditField => ({ name, label, initial: '', bytes: true, ...(optional ? { optional } : {}) });
  /** How the dialog's bytes were typed: its escapes switch, sent with the values. */
  const modeIn = (values: Record<string, string>): EditMode => (values[ESCAPED] ? 'escaped' : 'text');
  /** The typed text as bytes, or the sentence that says what is wrong with it. */
  const parse = (text: string, mode: EditMode): BytesIn | string => bytesFromEditor(text, mode) ?? t('keyEditor.ui.badEscape');
  const send = async (op: EditOp) => edit(op);
  const undoNote = t('keyEditor.ui.undoNote');

  /** The whole element to edit: the cell when it holds it, else read on demand (at most 64 KiB). */
  const whole = async (at: { field?: BytesIn; index?: number }) => {
    try {
      const v = await call('keyEditor.element', { id: page!.id, ...at });
      return v ?? t('keyEditor.ui.elementGone');
    } catch (err) {
      return err instanceof ApiError ? err.data : t('keyEditor.ui.elementGone');
    }
  };

  const specs = {
    string(): DialogSpec | undefined {
      const v = page?.string?.whole;
      if (!v) return undefined;
      return {
        title: t('keyEditor.ui.editString'),
        description: `${t('keyEditor.ui.dialog.setString')} ${undoNote}`,
        fields: [valueField('value', t('keyEditor.ui.field.value'), editableText(v), modeOf(v))],
        confirmLabel: t('keyEditor.ui.apply'),
        submit: async (values) => {
          const { value } = values;
          const b = parse(value, modeIn(values));
          return typeof b === 'string' ? b : send({ op: 'setString', value: b, expect: asBytesIn(v) });
        },
      };
    },
    ttl(): DialogSpec {
      const current = page && page.pttl > 0 ? String(Math.ceil(page.pttl / 1000)) : '3600';
      return {
        title: t('keyEditor.ui.setTtl'),
        description: `${t('keyEditor.ui.dialog.ttl')} ${undoNote}`,
        fields: [{ name: 'seconds', label: t('keyEditor.ui.field.seconds'), initial: current }],
        confirmLabel: t('keyEditor.ui.apply'),
        submit: async (values) => {
          const { seconds } = values;
          const s = Number(seconds);
          if (!Number.isFinite(s) || s <= 0 || s > TTL_MAX_S) return t('keyEditor.ui.badTtl', { max: TTL_MAX_S });
          return send({ op: 'ttl', ttlMs: Math.round(s * 1000) });
        },
      };
    },
    rename(): DialogSpec | undefined {
      const name = page?.name;
      if (!name) return undefined;
      return {
        title: t('keyEditor.ui.rename'),
        description: `${t('keyEditor.ui.dialog.rename')} ${undoNote}`,
        fields: [valueField('to', t('keyEditor.ui.field.newName'), editableText(name), modeOf(name), false)],
        confirmLabel: t('keyEditor.ui.rename'),
        submit: async (values) => {
          const { to } = values;
          const b = parse(to, modeIn(values));
          return typeof b === 'string' ? b : send({ op: 'rename', to: b });
        },
      };
    },
    /** Edit one row: a hash value, a list element, a set member, a sorted-set score. */
    async row(row: ValueRow): Promise<DialogSpec | string | AppErrorData | undefined> {
      if (!page) return undefined;
      const [first, second] = row.cells;
      if (page.type === 'hash') {
        if (!isWhole(first)) return t('keyEditor.ui.cutName');
        const v = isWhole(second) ? second : await whole({ field: asBytesIn(first) });
        if (typeof v === 'string' || !('text' in v)) return v;
        return {
          title: t('keyEditor.ui.editField', { field: shownText(first) }),
          description: `${t('keyEditor.ui.dialog.hashSet')} ${undoNote}`,
          fields: [valueField('value', t('keyEditor.ui.field.value'), editableText(v), modeOf(v))],
          confirmLabel: t('keyEditor.ui.apply'),
          submit: async (values) => {
          const { value } = values;
            const b = parse(value, modeIn(values));
            return typeof b === 'string' ? b : send({ op: 'hashSet', field: asBytesIn(first), value: b, expect: asBytesIn(v) });
          },
        };
      }
      if (page.type === 'list' && row.index !== undefined) {
        const index = row.index;
        const v = isWhole(first) ? first : await whole({ index });
        if (typeof v === 'string' || !('text' in v)) return v;
        return {
          title: t('keyEditor.ui.editElement', { index }),
          description: `${t('keyEditor.ui.dialog.listSet')} ${undoNote}`,
          fields: [valueField('value', t('keyEditor.ui.field.value'), editableText(v), modeOf(v))],
          confirmLabel: t('keyEditor.ui.apply'),
          submit: async (values) => {
          const { value } = values;
            const b = parse(value, modeIn(values));
            return typeof b === 'string' ? b : send({ op: 'listSet', index, value: b, expect: asBytesIn(v) });
          },
        };
      }
      if (!isWhole(first)) return t('keyEditor.ui.cutName');
      if (page.type === 'set') {
        return {
          title: t('keyEditor.ui.editMember'),
          description: `${t('keyEditor.ui.dialog.setReplace')} ${undoNote}`,
          fields: [valueField('to', t('keyEditor.ui.field.member'), editableText(first), modeOf(first), false)],
          confirmLabel: t('keyEditor.ui.apply'),
          submit: async (values) => {
          const { to } = values;
            const b = parse(to, modeIn(values));
            return typeof b === 'string' ? b : send({ op: 'setReplace', member: asBytesIn(first), to: b });
          },
        };
      }
      if (page.type === 'zset' && row.score !== undefined) {
        const seen = row.score;
        return {
          title: t('keyEditor.ui.editMember'),
          description: `${t('keyEditor.ui.dialog.zset')} ${undoNote}`,
          fields: [valueField('member', t('keyEditor.ui.field.member'), editableText(first), modeOf(first), false), { name: 'score', label: t('keyEditor.ui.field.score'), initial: seen }],
          confirmLabel: t('keyEditor.ui.apply'),
          submit: async (values) => {
          const { member, score } = values;
            const b = parse(member, modeIn(values));
            if (typeof b === 'string') return b;
            if (!SCORE.test(score.trim())) return t('keyEditor.ui.badScore');
            const renamed = b.text !== asBytesIn(first).text || b.enc !== asBytesIn(first).enc;
            if (renamed && score.trim() !== seen) return t('keyEditor.ui.oneAtATime');
            if (renamed) return send({ op: 'zsetRename', member: asBytesIn(first), to: b });
            if (score.trim() === seen) return t('keyEditor.ui.nothingChanged');
            return send({ op: 'zsetScore', member: asBytesIn(first), score: score.trim(), expect: seen });
          },
        };
      }
      return undefined;
    },
    /** Add an element, field, member or entry. */
    add(): DialogSpec | undefined {
      if (!page) return undefined;
      const value = valueField('value', t('keyEditor.ui.field.value'), '', 'text');
      /** The typed texts as bytes in the dialog's mode, or the first problem with one of them. */
      const all = (values: Record<string, string>, ...texts: string[]): BytesIn[] | string => {
        const out: BytesIn[] = [];
        for (const text of texts) {
          const b = parse(text, modeIn(values));
          if (typeof b === 'string') return b;
          out.push(b);
        }
        return out;
      };
      switch (page.type) {
        case 'hash':
          return {
            title: t('keyEditor.ui.addField'),
            description: `${t('keyEditor.ui.dialog.hashAdd')} ${undoNote}`,
            fields: [bytesField('field', t('keyEditor.ui.field.field')), value],
            confirmLabel: t('keyEditor.ui.add'),
            submit: async (values) => {
              const b = all(values, values.field, values.value);
              return typeof b === 'string' ? b : send({ op: 'hashSet', field: b[0], value: b[1], expect: null });
            },
          };
        case 'list':
          return {
            title: t('keyEditor.ui.push'),
            description: `${t('keyEditor.ui.dialog.listPush')} ${undoNote}`,
            fields: [
              { name: 'end', label: t('keyEditor.ui.field.end'), initial: 'tail', options: [{ value: 'tail', label: t('keyEditor.ui.end.tail') }, { value: 'head', label: t('keyEditor.ui.end.head') }] },
              value,
            ],
            confirmLabel: t('keyEditor.ui.add'),
            submit: async (values) => {
              const b = all(values, values.value);
              return typeof b === 'string' ? b : send({ op: 'listPush', end: values.end === 'head' ? 'head' : 'tail', value: b[0] });
            },
          };
        case 'set':
          return {
            title: t('keyEditor.ui.addMember'),
            description: `${t('keyEditor.ui.dialog.setAdd')} ${undoNote}`,
            fields: [bytesField('member', t('keyEditor.ui.field.member'))],
            confirmLabel: t('keyEditor.ui.add'),
            submit: async (values) => {
              const b = all(values, values.member);
              return typeof b === 'string' ? b : send({ op: 'setAdd', member: b[0] });
            },
          };
        case 'zset':
          return {
            title: t('keyEditor.ui.addMember'),
            description: `${t('keyEditor.ui.dialog.zsetAdd')} ${undoNote}`,
            fields: [
              bytesField('member', t('keyEditor.ui.field.member')),
              { name: 'score', label: t('keyEditor.ui.field.score'), initial: '0' },
            ],
            confirmLabel: t('keyEditor.ui.add'),
            submit: async (values) => {
              const b = all(values, values.member);
              if (typeof b === 'string') return b;
              return SCORE.test(values.score.trim()) ? send({ op: 'zsetAdd', member: b[0], score: values.score.trim() }) : t('keyEditor.ui.badScore');
            },
          };
        case 'stream':
          return {
            title: t('keyEditor.ui.addEntry'),
            description: `${t('keyEditor.ui.dialog.streamAdd')} ${undoNote}`,
            fields: [
              bytesField('field', t('keyEditor.ui.field.field')),
              valueField('value', t('keyEditor.ui.field.value'), '', 'text', false),
              bytesField('field2', t('keyEditor.ui.field.field2'), true),
              { ...valueField('value2', t('keyEditor.ui.field.value2'), '', 'text', false), optional: true },
            ],
            confirmLabel: t('keyEditor.ui.add'),
            submit: async (values) => {
              const b = all(values, values.field, values.value, values.field2 ?? '', values.value2 ?? '');
              if (typeof b === 'string') return b;
              return send({ op: 'streamAdd', fields: [[b[0], b[1]], ...(values.field2 ? [[b[2], b[3]] as [BytesIn, BytesIn]] : [])] });
            },
          };
        default:
          return undefined;
      }
    },
    /** Removing one row, to confirm. */
    removeRow(row: ValueRow): ConfirmSpec | string | undefined {
      if (!page) return undefined;
      const [first] = row.cells;
      const what = row.entryId ?? (first ? shownText(first) : '');
      const confirm = (op: EditOp): ConfirmSpec => ({ title: t('keyEditor.ui.removeTitle', { what }), description: `${t('keyEditor.ui.removeText')} ${undoNote}`, confirmLabel: t('keyEditor.ui.remove'), op });
      if (page.type === 'stream' && row.entryId) return confirm({ op: 'streamDelete', entryId: row.entryId });
      if (!isWhole(first)) return t('keyEditor.ui.cutName');
      if (page.type === 'hash') return confirm({ op: 'hashDelete', field: asBytesIn(first) });
      if (page.type === 'set') return confirm({ op: 'setRemove', member: asBytesIn(first) });
      if (page.type === 'zset') return confirm({ op: 'zsetRemove', member: asBytesIn(first) });
      if (page.type === 'list' && row.index !== undefined) return confirm({ op: 'listRemove', index: row.index, expect: asBytesIn(first) });
      return undefined;
    },
    deleteKey(): ConfirmSpec {
      return { title: t('keyEditor.ui.deleteTitle', { key: page?.key ?? '' }), description: `${t('keyEditor.ui.deleteText')} ${undoNote}`, confirmLabel: t('keyEditor.ui.delete'), op: { op: 'delete' } };
    },
    persist(): ConfirmSpec {
      return { title: t('keyEditor.ui.persistTitle'), description: `${t('keyEditor.ui.persistText')} ${undoNote}`, confirmLabel: t('keyEditor.ui.persist'), op: { op: 'persist' } };
    },
  };

  /** The new-key dialog (any type, with its first element: Redis has no empty collection). */
  const newKey = (t2: Say, namespace: string): DialogSpec => ({
    title: t2('keyEditor.ui.newKey'),
    description: t2('keyEditor.ui.dialog.newKey'),
    fields: [
      { name: 'name', label: t2('keyEditor.ui.field.name'), initial: namespace, bytes: true },
      { name: 'type', label: t2('keyEditor.ui.field.type'), initial: 'string', options: ['string', 'hash', 'list', 'set', 'zset', 'stream'].map((v) => ({ value: v, label: v })) },
      { name: 'field', label: t2('keyEditor.ui.field.fieldIfAny'), initial: '', optional: true, bytes: true },
      { name: 'value', label: t2('keyEditor.ui.field.valueOrMember'), initial: '', multiline: true, bytes: true },
      { name: 'score', label: t2('keyEditor.ui.field.scoreIfAny'), initial: '', optional: true },
      { name: 'ttl', label: t2('keyEditor.ui.field.ttlIfAny'), initial: '', optional: true },
    ],
    confirmLabel: t2('keyEditor.ui.create'),
    submit: async (values) => {
      const { name, type, field, value, score, ttl } = values;
      // Name, field and value typed as text or, with the dialog's switch, as \xNN escapes (bytes that are not UTF-8).
      const mode = modeIn(values);
      const [n, f, v] = [name, field, value].map((text) => bytesFromEditor(text ?? '', mode));
      if (!n || !f || !v) return t2('keyEditor.ui.badEscape');
      const input: CreateKeyInput = { name: n, type: type as CreateKeyInput['type'], value: v };
      if (field) input.field = f;
      if (score) {
        if (!SCORE.test(score.trim())) return t2('keyEditor.ui.badScore');
        input.score = score.trim();
      }
      if (ttl) {
        const s = Number(ttl);
        if (!Number.isFinite(s) || s <= 0 || s > TTL_MAX_S) return t2('keyEditor.ui.badTtl', { max: TTL_MAX_S });
        input.ttlMs = Math.round(s * 1000);
      }
      return create(input);
    },
  });

  return { specs, newKey: (namespace: string) => newKey(t, namespace), run: send };
}
