/** Data shapes that cross the contract. Plain JSON, no classes. */

export type ActorId = 'client' | 'clientA' | 'clientB' | 'worker' | 'subscriber' | 'database' | 'admin';

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

export interface ConnectionStatus {
  state: ConnectionState;
  kind?: 'sandbox' | 'existing';
  /** "sandbox :6391" or "redis.local:6379/0". */
  label?: string;
  version?: string;
  role?: string;
  namespace?: string;
  /** How the Keys panel learns about changes. */
  keyspaceFeed?: 'notifications' | 'polling';
  /** Keys that already existed under the namespace when connecting. */
  existingKeys?: number;
  message?: string;
}

export interface AppInfo {
  version: string;
  transport: 'electron' | 'web';
  redisServer: { found: boolean; path?: string; version?: string; installHint: string };
}

export interface ParamSpec {
  name: string;
  label: string;
  min: number;
  max: number;
  default: number;
  unit?: string;
}

export type PatternGroup = 'Caching' | 'Messaging' | 'Data structures' | 'Atomicity';

export interface StepInfo {
  index: number;
  title: string;
  /** The TypeScript this step runs, cut from the pattern's own source. */
  code: string;
  actors: ActorId[];
}

export interface PatternSummary {
  id: string;
  title: string;
  group: PatternGroup;
  summary: string;
  params: ParamSpec[];
  actors: ActorId[];
  steps: StepInfo[];
}

export interface RedisTrace {
  kind: 'redis';
  actor: ActorId;
  command: string;
  args: string[];
  reply: string;
  error?: string;
  durationMs: number;
  at: number;
}

export interface DbTrace {
  kind: 'db';
  actor: ActorId;
  op: 'read' | 'write';
  sql: string;
  params: (string | number | null)[];
  rows: number;
  durationMs: number;
  at: number;
}

export type TraceEntry = RedisTrace | DbTrace;

export type StepOutcome = 'hit' | 'miss' | 'write' | 'stale' | 'info';

export interface StepResult {
  stepIndex: number;
  title: string;
  narrative: string;
  outcome: StepOutcome;
  trace: TraceEntry[];
  startedAt: number;
  durationMs: number;
}

export interface SessionState {
  patternId: string;
  params: Record<string, number>;
  /** Index of the next step to run; equals steps.length when finished. */
  cursor: number;
  history: StepResult[];
}

export interface KeyInfo {
  /** The key as text; bytes that are not UTF-8 are shown as \xNN. */
  key: string;
  type: string;
  preview: string;
  /** Length, cardinality or element count, depending on type. */
  size: number;
  /** Milliseconds left as read by PTTL; -1 no expiry. */
  pttl: number;
  /** Epoch ms of the PTTL reading, so the renderer can count down without polling. */
  readAt: number;
}

export interface KeysSnapshot {
  namespace: string;
  keys: KeyInfo[];
  /** True when the namespace held more keys than the panel reads. */
  truncated: boolean;
  at: number;
}

export interface UserRow {
  id: number;
  name: string;
  email: string;
  updatedAt: string;
}

export interface DbRowView {
  row: UserRow;
  cacheKey: string;
  cached: string | null;
  cachedPttl: number;
  readAt: number;
  /** 'absent' no cache entry; 'fresh' cache equals the row; 'stale' they differ. */
  state: 'absent' | 'fresh' | 'stale';
}
