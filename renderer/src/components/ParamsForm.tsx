import { selectPattern, useSessionStore } from '../stores/session-store';

/** The pattern's parameters; edits apply on Reset, so a run never changes halfway. */
export function ParamsForm() {
  const pattern = useSessionStore(selectPattern);
  const draft = useSessionStore((s) => s.draft);
  const applied = useSessionStore((s) => s.session?.params);
  const setDraft = useSessionStore((s) => s.setDraft);
  const reset = useSessionStore((s) => s.reset);
  if (!pattern || pattern.params.length === 0) return null;
  const dirty = pattern.params.some((p) => applied && draft[p.name] !== applied[p.name]);
  return (
    <form
      className="params"
      aria-label="Parameters"
      onSubmit={(e) => {
        e.preventDefault();
        void reset();
      }}
    >
      <h2 className="section-title">Parameters</h2>
      {pattern.params.map((p) => (
        <label key={p.name} className="param">
          <span>{p.label}</span>
          <input
            type="number"
            min={p.min}
            max={p.max}
            value={draft[p.name] ?? p.default}
            onChange={(e) => setDraft(p.name, Number(e.target.value))}
            aria-label={p.label}
          />
          {p.unit && <span className="unit">{p.unit}</span>}
        </label>
      ))}
      {dirty && (
        <button type="submit" className="small">
          Apply and reset
        </button>
      )}
    </form>
  );
}
