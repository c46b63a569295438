import { useIntl } from 'react-intl';
import { useT } from '../i18n/Msg';
import { ErrorText } from '../i18n/ErrorText';
import { useKeyEditorStore } from '../stores/key-editor-store';
import { denialText } from './key-display';

/** A stream's consumer groups (XINFO GROUPS) and the chosen group's pending entries (XPENDING summary and its first entries). */
export function StreamGroupsView() {
  const t = useT();
  // Counts in the app's language, as the other counts are (49,201 rather than 49201).
  const n = useIntl().formatNumber;
  const { groups, groupsError, loadGroups } = useKeyEditorStore();
  if (groupsError) {
    return (
      <p className="notice error">
        <ErrorText error={groupsError} />
      </p>
    );
  }
  if (!groups) return null;
  if (groups.denied && groups.groups.length === 0) return <p className="notice warn">{t('keyEditor.ui.groupsDenied', { why: denialText(groups.denied, t) })}</p>;
  if (groups.groups.length === 0) return <p className="muted small">{t('keyEditor.ui.noGroups')}</p>;
  const pending = groups.pending;
  return (
    <section className="stream-groups" aria-label={t('keyEditor.ui.groups')}>
      <h3>{t('keyEditor.ui.groups')}</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('keyEditor.ui.col.group')}</th>
            <th>{t('keyEditor.ui.col.consumers')}</th>
            <th>{t('keyEditor.ui.col.pending')}</th>
            <th>{t('keyEditor.ui.col.lastDelivered')}</th>
            <th>{t('keyEditor.ui.col.lag')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.groups.map((g) => (
            <tr key={g.name} className={g.name === groups.group ? 'selected' : undefined}>
              <td className="mono">
                <button type="button" className="link" aria-pressed={g.name === groups.group} onClick={() => void loadGroups(g.name)}>
                  {g.name}
                </button>
              </td>
              <td>{n(g.consumers)}</td>
              <td>{n(g.pending)}</td>
              <td className="mono">{g.lastDeliveredId}</td>
              <td>{g.lag === undefined ? t('keyEditor.ui.lagOld') : g.lag === null ? t('keyEditor.ui.lagUnknown') : n(g.lag)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.more && <p className="muted small">{t('keyEditor.ui.moreGroups', { n: groups.groups.length })}</p>}
      {groups.denied && <p className="notice warn">{t('keyEditor.ui.pendingDenied', { why: denialText(groups.denied, t) })}</p>}
      {pending && (
        <>
          <h4>{t('keyEditor.ui.pendingOf', { group: groups.group ?? '', n: pending.count })}</h4>
          {pending.count > 0 && (
            <p className="muted small">
              {t('keyEditor.ui.pendingRange', { min: pending.minId ?? '', max: pending.maxId ?? '' })}{' '}
              {pending.consumers.map((c) => t('keyEditor.ui.pendingConsumer', { name: c.name, n: c.count })).join(', ')}
            </p>
          )}
          {pending.entries.length > 0 && (
            <table className="data-table" aria-label={t('keyEditor.ui.pendingEntries')}>
              <thead>
                <tr>
                  <th>{t('ui.value.col.entryId')}</th>
                  <th>{t('keyEditor.ui.col.consumer')}</th>
                  <th>{t('keyEditor.ui.col.idle')}</th>
                  <th>{t('keyEditor.ui.col.deliveries')}</th>
                </tr>
              </thead>
              <tbody>
                {pending.entries.map((e) => (
                  <tr key={e.entryId}>
                    <td className="mono">{e.entryId}</td>
                    <td className="mono">{e.consumer}</td>
                    <td>{t('keyEditor.ui.idleMs', { ms: e.idleMs })}</td>
                    <td>{e.deliveries}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {pending.count > pending.entries.length && <p className="muted small">{t('keyEditor.ui.pendingFirst', { shown: pending.entries.length, n: pending.count })}</p>}
        </>
      )}
    </section>
  );
}
