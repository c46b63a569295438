import { Tabs } from 'radix-ui';
import { useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { ValuePage, ValueRow } from '../../../shared/key-editor-contract';
import { useErrorText } from '../i18n/ErrorText';
import { useT } from '../i18n/Msg';
import { useBrowserStore } from '../stores/browser-store';
import { useConnectionStore } from '../stores/connection-store';
import { useKeyEditorStore } from '../stores/key-editor-store';
import { ConfirmDialog } from './ConfirmDialog';
import { CopyValue } from './CopyValue';
import { EditDialog } from './EditDialog';
import { EditHistory } from './EditHistory';
import { byteCount, denialText, KeyName } from './key-display';
import { StreamGroupsView } from './StreamGroupsView';
import { StringValue } from './StringValue';
import { TtlBar } from './TtlBar';
import { useValueEdits, type ConfirmSpec, type DialogSpec } from './value-edits';
import { ValuePager } from './ValuePager';
import { ValueRows } from './ValueRows';
import './key-editor.css';

type Say = ReturnType<typeof useT>;

function sizeText(page: ValuePage, t: Say): string {
  if (page.denied?.size) return t('ui.value.sizeDenied', { why: denialText(page.denied.size, t) });
  return page.type === 'string' ? byteCount(page.size, t) : t('ui.value.elementCount', { n: page.size });
}

/** What the page holds: a string view, a table of rows, or why nothing can be shown. */
function Body(props: { page: ValuePage; writable: boolean; onEditString(): void; onEdit(row: ValueRow): void; onRemove(row: ValueRow): void }) {
  const t = useT();
  const rows = useKeyEditorStore((s) => s.rows);
  const { page } = props;
  if (page.denied?.type) return <p className="notice warn">{t('ui.value.noType', { why: denialText(page.denied.type, t) })}</p>;
  if (page.denied?.value) return <p className="notice warn">{t('ui.value.noValue', { why: denialText(page.denied.value, t) })}</p>;
  if (page.unread) {
    const memory = page.unread.memoryBytes !== undefined ? t('ui.value.memory', { size: byteCount(page.unread.memoryBytes, t) }) : t('ui.value.memoryUnknown');
    return <p className="notice warn">{t('ui.value.unread', { why: denialText(page.unread.denial, t), memory })}</p>;
  }
  if (page.string) return <StringValue page={page} canEdit={props.writable} onEdit={props.onEditString} />;
  if (!page.rows) return <p className="muted">{t('keyEditor.ui.unknownType', { type: page.type })}</p>;
  return <ValueRows page={page} rows={rows} writable={props.writable} onEdit={props.onEdit} onRemove={props.onRemove} />;
}

/**
 * The selected key's value, one bounded page at a time, with every edit the
 * connection allows (each one confirmed, most undoable) and their history.
 * On an existing Redis a key outside the namespace is read-only and the
 * pane says why; the host refuses such an edit whatever it is sent.
 */
export function KeyValuePane() {
  const t = useT();
  const errorText = useErrorText();
  const selected = useBrowserStore((s) => s.selected);
  const namespace = useConnectionStore((s) => s.status.namespace ?? '');
  const page = useKeyEditorStore((s) => (s.id === selected ? s.page : undefined));
  const error = useKeyEditorStore((s) => (s.id === selected ? s.error : undefined));
  const loading = useKeyEditorStore((s) => s.loading);
  const history = useKeyEditorStore((s) => s.history.length);
  const rights = useKeyEditorStore((s) => s.rights);
  const runEdit = useKeyEditorStore((s) => s.edit);
  const reload = useKeyEditorStore((s) => s.reload);
  const { specs, newKey } = useValueEdits(page);
  const [dialog, setDialog] = useState<DialogSpec>();
  const [confirm, setConfirm] = useState<ConfirmSpec>();
  const [notice, setNotice] = useState<string>();
  const [tab, setTab] = useState('value');
  // The list above keeps most of the height; a long value can take it over while it is read.
  const [tall, setTall] = useState(false);

  // A key with a TTL is read once more when it should have expired: the pane then says it is gone, instead of showing its
  // last value with edit buttons that can only fail. One timer per page read; a new TTL gives a new page and a new timer.
  useEffect(() => {
    if (!page || page.pttl <= 0) return;
    const wait = Math.min(Math.max(0, page.readAt + page.pttl - Date.now() + 50), 2 ** 31 - 1);
    const timer = setTimeout(() => void reload(), wait);
    return () => clearTimeout(timer);
  }, [page, reload]);

  // Only a stream has the groups tab: opening another key after looking at a stream's groups shows its value, not an empty pane.
  const shownTab = tab === 'groups' && page?.type !== 'stream' ? 'value' : tab;
  const writable = !!page && page.writable.ok;
  const open = (spec: DialogSpec | string | AppErrorData | undefined) => {
    setNotice(undefined);
    if (!spec) return;
    if (typeof spec === 'string') setNotice(spec);
    else if ('code' in spec) setNotice(errorText(spec));
    else setDialog(spec);
  };
  const ask = (spec: ConfirmSpec | string | undefined) => {
    setNotice(undefined);
    if (typeof spec === 'string') setNotice(spec);
    else setConfirm(spec);
  };

  const toolbar = (
    <div className="value-toolbar">
      <button type="button" className="small" aria-pressed={tall} onClick={() => setTall(!tall)}>
        {tall ? t('keyEditor.ui.shorter') : t('keyEditor.ui.taller')}
      </button>
      <button type="button" className="small" disabled={rights?.ok === false} title={rights && !rights.ok ? t(rights.reason) : undefined} onClick={() => open(newKey(namespace))}>
        {t('keyEditor.ui.newKey')}
      </button>
    </div>
  );

  return (
    <section className={tall ? 'value-pane tall' : 'value-pane'} aria-label={t('ui.value')}>
      <Tabs.Root value={shownTab} onValueChange={setTab} className="value-tabs">
        <div className="value-tabbar">
          <Tabs.List className="tabs" aria-label={t('keyEditor.ui.tabs')}>
            <Tabs.Trigger value="value">{t('ui.value')}</Tabs.Trigger>
            {page?.type === 'stream' && <Tabs.Trigger value="groups">{t('keyEditor.ui.groups')}</Tabs.Trigger>}
            <Tabs.Trigger value="history">{t('keyEditor.ui.historyTab', { n: history })}</Tabs.Trigger>
          </Tabs.List>
          {toolbar}
        </div>
        <Tabs.Content value="value" className="value-tab">
          {selected === undefined && <p className="empty">{t('ui.value.select')}</p>}
          {selected !== undefined && error && (
            <p className="notice error" role="alert">
              {t('ui.value.failed', { reason: errorText(error) })}
            </p>
          )}
          {selected !== undefined && !error && page === undefined && <p className="empty">{t('ui.value.reading')}</p>}
          {selected !== undefined && page === null && <p className="empty">{t('ui.value.gone')}</p>}
          {page && (
            <>
              <header className="value-header">
                <KeyName className="mono value-key" label={page.key} bytes={page.keyBytes} />
                {page.denied?.type ? (
                  <span className="type-badge">{t('ui.noAccess')}</span>
                ) : (
                  <>
                    <span className={`type-badge type-${page.type}`}>{page.type}</span>
                    <span className="muted small">{sizeText(page, t)}</span>
                    {page.denied?.ttl ? <span className="muted small">{t('ui.value.ttlDenied', { why: denialText(page.denied.ttl, t) })}</span> : <TtlBar pttl={page.pttl} readAt={page.readAt} full={page.pttl} />}
                    {!page.denied?.value && <CopyValue page={page} />}
                  </>
                )}
              </header>
              {/* Nothing of the key can be read: the one sentence below says why; no edit or read-only notice before it. */}
              {page.denied?.type ? null : page.writable.ok ? (
                <div className="key-actions" role="group" aria-label={t('keyEditor.ui.keyActions')}>
                  <button type="button" className="small" onClick={() => open(specs.ttl())}>
                    {t('keyEditor.ui.setTtl')}
                  </button>
                  <button type="button" className="small" disabled={page.pttl < 0} onClick={() => ask(specs.persist())}>
                    {t('keyEditor.ui.persist')}
                  </button>
                  <button type="button" className="small" disabled={!page.name} onClick={() => open(specs.rename())}>
                    {t('keyEditor.ui.rename')}
                  </button>
                  <button type="button" className="small" onClick={() => ask(specs.deleteKey())}>
                    {t('keyEditor.ui.delete')}
                  </button>
                  {page.rows && (
                    <button type="button" className="small" onClick={() => open(specs.add())}>
                      {t(`keyEditor.ui.addTo.${page.type as 'hash'}`)}
                    </button>
                  )}
                  <button type="button" className="small" disabled={loading} onClick={() => void useKeyEditorStore.getState().reload()}>
                    {t('keyEditor.ui.refresh')}
                  </button>
                </div>
              ) : (
                <p className="notice warn small read-only" data-testid="read-only">
                  {t(page.writable.reason)}
                </p>
              )}
              {notice && (
                <p className="notice error small" role="alert">
                  {notice}
                </p>
              )}
              {/* Above the rows, so a long page never has to be scrolled through to reach the next one. */}
              {(page.rows || page.string) && <ValuePager page={page} />}
              <Body page={page} writable={writable} onEditString={() => open(specs.string())} onEdit={(row) => void specs.row(row).then(open)} onRemove={(row) => ask(specs.removeRow(row))} />
            </>
          )}
        </Tabs.Content>
        {page?.type === 'stream' && (
          <Tabs.Content value="groups" className="value-tab">
            <StreamGroupsView />
          </Tabs.Content>
        )}
        <Tabs.Content value="history" className="value-tab">
          <EditHistory />
        </Tabs.Content>
      </Tabs.Root>
      <EditDialog
        open={!!dialog}
        title={dialog?.title ?? ''}
        description={dialog?.description}
        fields={dialog?.fields ?? []}
        confirmLabel={dialog?.confirmLabel ?? ''}
        onSubmit={(values) => dialog!.submit(values)}
        onClose={() => setDialog(undefined)}
      />
      <ConfirmDialog
        open={!!confirm}
        onCancel={() => setConfirm(undefined)}
        onConfirm={() => {
          const op = confirm!.op;
          setConfirm(undefined);
          void runEdit(op).then((err) => err && setNotice(errorText(err)));
        }}
        title={confirm?.title ?? ''}
        description={confirm?.description ?? ''}
        keepLabel={t('keyEditor.ui.cancel')}
        confirmLabel={confirm?.confirmLabel ?? ''}
      />
    </section>
  );
}
