import { useT } from '../i18n/Msg';
import { selectPattern, useSessionStore } from '../stores/session-store';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Opening another pattern ends the run in progress: its steps, traces and
 * snapshots go, and its keys are deleted. Asked first, in the same dialog
 * style as the namespace consent; keeping the run is the default answer.
 */
export function ConfirmDiscardRun() {
  const pending = useSessionStore((s) => s.pendingDiscard);
  const confirm = useSessionStore((s) => s.confirmDiscard);
  const cancel = useSessionStore((s) => s.cancelDiscard);
  const current = useSessionStore(selectPattern);
  const done = useSessionStore((s) => s.session?.cursor ?? 0);
  const target = useSessionStore((s) => s.patterns.find((p) => p.id === s.pendingDiscard?.patternId));
  const total = current?.steps.length ?? 0;
  const same = target?.id === current?.id;
  const t = useT();
  const title = current ? t(current.title) : '';
  const targetTitle = target ? t(target.title) : undefined;
  return (
    <ConfirmDialog
      open={!!pending}
      onCancel={cancel}
      onConfirm={() => void confirm()}
      title={t(same ? 'ui.discard.restartTitle' : 'ui.discard.leaveTitle', { title })}
      description={same ? t('ui.discard.bodyRestart', { done, total }) : t('ui.discard.bodyOpen', { done, total, target: targetTitle ?? t('ui.discard.another') })}
      keepLabel={t('ui.keepRun')}
      confirmLabel={same ? t('ui.discard.restart') : t('ui.discard.open', { title: targetTitle ?? t('ui.discard.it') })}
    />
  );
}
