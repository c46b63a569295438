import { PATTERN_GROUPS } from '../../../shared/model';
import { Msg, useT } from '../i18n/Msg';
import { useConnectionStore } from '../stores/connection-store';
import { useExplorerStore } from '../stores/explorer-store';
import { useSessionStore } from '../stores/session-store';
import { ConfirmStopExploration } from './ConfirmStopExploration';

const showSummary = (variant: 'sidebar' | 'cards', active: boolean) => variant === 'cards' || active;

/** Whether the server's version ("7.0.15", as INFO gave it) is at least `needs`; false when not connected or unreadable. */
function hasVersion(version: string | undefined, needs: { major: number; minor: number } | undefined): boolean {
  const m = version && needs ? /^(\d+)\.(\d+)/.exec(version) : null;
  if (!m || !needs) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > needs.major || (major === needs.major && minor >= needs.minor);
}

/**
 * The patterns, grouped. In the sidebar only the open pattern shows its
 * sentence, so the parameters and the timeline stay in view; the welcome
 * view shows every sentence.
 */
export function PatternList({ variant }: { variant: 'sidebar' | 'cards' }) {
  const patterns = useSessionStore((s) => s.patterns);
  const current = useSessionStore((s) => s.patternId);
  // Through the explorer's store: while an exploration runs, the user is asked to stop it first.
  const open = useExplorerStore((s) => s.openPattern);
  const version = useConnectionStore((s) => (s.status.state === 'disconnected' ? undefined : s.status.version));
  const t = useT();
  return (
    <nav aria-label={t(variant === 'sidebar' ? 'ui.patterns.sidebar' : 'ui.patterns.all')} className={`pattern-list pattern-list--${variant}`}>
      {PATTERN_GROUPS.map((group) => {
        const items = patterns.filter((p) => p.group === group);
        if (items.length === 0) return null;
        return (
          <section key={group}>
            <h2 className="group-title">{t(`group.${group}`)}</h2>
            {variant === 'cards' && <p className="group-sentence">{t(`group.${group}.sentence`)}</p>}
            <ul>
              {items.map((p) => {
                const active = p.id === current;
                const met = hasVersion(version, p.requiresVersion);
                return (
                  <li key={p.id} className={`pattern-entry${active ? ' active' : ''}`}>
                    {/* The button is named by the title alone (what it shows); the sentence beside it describes it, and the whole card is its click target. */}
                    <button
                      className={`pattern-item${active ? ' active' : ''}`}
                      aria-describedby={showSummary(variant, active) ? `summary-${variant}-${p.id}` : undefined}
                      aria-current={active ? 'true' : undefined}
                      title={variant === 'sidebar' && !active ? t(p.summary) : undefined}
                      onClick={() => void open(p.id)}
                    >
                      <span className="pattern-title">
                        <Msg m={p.title} />
                      </span>
                    </button>
                    {showSummary(variant, active) && (
                      <span className="pattern-summary" id={`summary-${variant}-${p.id}`}>
                        <Msg m={p.summary} />
                      </span>
                    )}
                    {showSummary(variant, active) && p.requires && (
                      // Orange only where the connected server lacks it; on one that has it, said as a fact, not a warning.
                      <span className={`pattern-requires${met ? ' met' : ''}`}>
                        {met ? t('ui.patterns.needsMet', { what: t(p.requires), version: version! }) : t('ui.patterns.needs', { what: t(p.requires) })}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {variant === 'sidebar' && <ConfirmStopExploration />}
    </nav>
  );
}
