import type { PatternGroup } from '../../../shared/model';
import { useSessionStore } from '../stores/session-store';

const GROUPS: PatternGroup[] = ['Caching', 'Messaging', 'Data structures', 'Atomicity'];

/** The patterns, grouped, one sentence each. */
export function PatternList() {
  const patterns = useSessionStore((s) => s.patterns);
  const current = useSessionStore((s) => s.patternId);
  const open = useSessionStore((s) => s.open);
  return (
    <nav aria-label="Patterns" className="pattern-list">
      {GROUPS.map((group) => {
        const items = patterns.filter((p) => p.group === group);
        if (items.length === 0) return null;
        return (
          <section key={group}>
            <h2 className="group-title">{group}</h2>
            <ul>
              {items.map((p) => (
                <li key={p.id}>
                  <button className={`pattern-item${p.id === current ? ' active' : ''}`} aria-current={p.id === current ? 'true' : undefined} onClick={() => void open(p.id)}>
                    <span className="pattern-title">{p.title}</span>
                    <span className="pattern-summary">{p.summary}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
