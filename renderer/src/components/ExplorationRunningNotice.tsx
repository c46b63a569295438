import { useT } from '../i18n/Msg';
import { useExplorerStore } from '../stores/explorer-store';

/**
 * Shown on the Pattern tab in place of its panels while the explorer runs
 * on this pattern: the keys in Redis then belong to whichever schedule is
 * running, and drawing them as the step-through's state would show a
 * state no step produced.
 */
export function ExplorationRunningNotice() {
  const tried = useExplorerStore((s) => s.progress?.variants.reduce((sum, v) => sum + v.tried, 0) ?? 0);
  const t = useT();
  return (
    <div className="notice" role="status" id="exploration-running-notice" data-testid="exploration-running">
      {t('explorer.runningHere', { tried })}
    </div>
  );
}
