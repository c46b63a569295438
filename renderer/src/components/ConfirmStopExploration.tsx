import { useT } from '../i18n/Msg';
import { useExplorerStore } from '../stores/explorer-store';
import { selectPattern, useSessionStore } from '../stores/session-store';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Opening another pattern while the explorer runs: the host refuses it
 * (the session is the explorer's), so the user is asked whether to stop
 * the exploration first; keeping it is the default answer.
 */
export function ConfirmStopExploration() {
  const pending = useExplorerStore((s) => s.pendingOpen);
  const tried = useExplorerStore((s) => s.progress?.variants.reduce((sum, v) => sum + v.tried, 0) ?? 0);
  const confirm = useExplorerStore((s) => s.confirmOpen);
  const cancel = useExplorerStore((s) => s.cancelOpen);
  const current = useSessionStore(selectPattern);
  const target = useSessionStore((s) => s.patterns.find((p) => p.id === pending));
  const t = useT();
  const title = current ? t(current.title) : '';
  const targetTitle = target ? t(target.title) : (pending ?? '');
  return (
    <ConfirmDialog
      open={!!pending}
      onCancel={cancel}
      onConfirm={() => void confirm()}
      title={t('explorer.openWhileRunning.title', { target: targetTitle })}
      description={t('explorer.openWhileRunning.body', { title, target: targetTitle, tried })}
      keepLabel={t('explorer.openWhileRunning.keep')}
      confirmLabel={t('explorer.openWhileRunning.confirm', { target: targetTitle })}
    />
  );
}
