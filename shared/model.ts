/** Data shapes that cross the contract. Plain JSON, no classes. Every text meant for the user is a Message (id + values), formatted by the renderer in the user's language. */
import type { Message } from './i18n/message';
import type { StepOutcome } from './outcomes';

export type { Message };

export type ActorId =
  | 'client'
  | 'clientA'
  | 'clientB'
  | 'worker'
  | 'subscriber'
  | 'subscriberB'
  | 'psubscriber'
  | 'mailer'
  | 'database'
  | 'admin'
  | 'clientC';

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
  /** Keys that existed under the namespace when connecting and that the app has not cleared (with consent) since. */
  existingKeys?: number;
  /** The first few of them, printable, cut when long. */
  existingSample?: string[];
  /** 'standalone', 'cluster' or 'sentinel', as the server reports it. */
  mode?: string;
  /** What the server refuses the app's user (ACL), and what the app does instead, in plain words. */
  limits?: Message[];
  /** How step traces are ordered on this connection: by MONITOR (server order) or by reply arrival. */
  traceOrder?: TraceOrder;
  message?: string;
}

export interface AppInfo {
  version: string;
  transport: 'electron' | 'web';
  /** installHint in English; installHintMsg the same in the user's language. */
  redisServer: { found: boolean; path?: string; version?: string; installHint: string; installHintMsg?: Message };
}

export interface ParamSpec {
  name: string;
  label: Message;
  min: number;
  max: number;
  default: number;
  unit?: Message;
}

/** The pattern picker's groups, in the order it lists them. */
export const PATTERN_GROUPS = ['Caching', 'Messaging', 'Queues', 'Data structures', 'Atomicity', 'Sessions', 'Rate limiting', 'Locks', 'Memory'] as const;
export type PatternGroup = (typeof PATTERN_GROUPS)[number];

export interface StepInfo {
  index: number;
  title: Message;
  /** The TypeScript this step runs, cut from the pattern's own source. */
  code: string;
  actors: ActorId[];
}

/** A field of a pattern action's form; the engine checks values against it. */
export interface ActionField {
  name: string;
  label: Message;
  kind: 'text' | 'number';
  /** For text: the characters allowed, as a regular expression source. */
  pattern?: string;
  min?: number;
  max?: number;
  placeholder?: Message;
}

/** Something the user can do to a running pattern besides stepping (e.g. add a player). */
export interface ActionInfo {
  id: string;
  label: Message;
  fields: ActionField[];
}

export interface PatternSummary {
  id: string;
  title: Message;
  group: PatternGroup;
  summary: Message;
  params: ParamSpec[];
  actors: ActorId[];
  steps: StepInfo[];
  panels: GenericPanel[];
  actions: ActionInfo[];
  /** The server version the pattern needs, when older ones lack a command it uses. */
  requires?: Message;
  /** The same as numbers, so the list can tell whether the connected server has it. */
  requiresVersion?: { major: number; minor: number };
  /** It has a race the explorer can run (an Explore view). */
  explorable: boolean;
}

export interface RedisTrace {
  kind: 'redis';
  actor: ActorId;
  /** Which of several same-role actors (reader 7 of 20); absent when there is one. */
  lane?: number;
  command: string;
  args: string[];
  reply: string;
  error?: string;
  durationMs: number;
  at: number;
  /** The connection's address as the server sees it ("127.0.0.1:51234"), to find the command in MONITOR's log. */
  conn?: string;
  /** Where MONITOR saw the server execute it: its position in the server's log and the server's clock (ms). */
  server?: { seq: number; at: number };
  /** The position at which the reply reached the app, when it differs from the server's order: that difference is the race. */
  replyIndex?: number;
  /** Commands a script ran (EVAL / EVALSHA), as MONITOR showed them with the source "lua". */
  inner?: { command: string; args: string[] }[];
}

/**
 * How a step's trace is ordered: by the server's execution order (MONITOR)
 * or, where MONITOR is refused or not enabled, by the order replies reached the app.
 */
export interface TraceOrder {
  order: 'server' | 'reply';
  /** Why it is reply order, in plain words, when it is. */
  reason?: Message;
}

export interface DbTrace {
  kind: 'db';
  actor: ActorId;
  lane?: number;
  op: 'read' | 'write';
  sql: string;
  params: (string | number | null)[];
  rows: number;
  durationMs: number;
  at: number;
}

/** Something an actor noticed or did that is not a command: a message received, a crash, a wait. */
export interface EventTrace {
  kind: 'event';
  actor: ActorId;
  lane?: number;
  text: Message;
  at: number;
}

export type TraceEntry = RedisTrace | DbTrace | EventTrace;

/** One of the outcome vocabulary in ./outcomes (its tag, tone and meaning). */
export type { StepOutcome };

export interface StepResult {
  /** The step's index, or -1 for an action the user took between steps. */
  stepIndex: number;
  title: Message;
  narrative: Message;
  outcome: StepOutcome;
  trace: TraceEntry[];
  /** Whether `trace` is in the server's execution order or in the order replies arrived, and why. */
  traceOrder?: TraceOrder;
  startedAt: number;
  durationMs: number;
  /**
   * Something the run's results cannot show by themselves, said beside the
   * narrative: the server restarted (or reconnected for a reason that cannot
   * be told) since the run began, so what earlier steps wrote may be gone.
   */
  notice?: Message;
  /**
   * The panels as the host read them right after this step, so an earlier
   * step can be shown as it was rather than recomputed. Absent for the
   * oldest entries once the run keeps more than the host's cap.
   */
  after?: StepSnapshot;
}

/** What the pattern's panels showed right after one step: its own panels, the Keys and the database beside the cache. */
export interface StepSnapshot {
  at: number;
  panels: PanelData[];
  /** Present when the pattern shows the Keys panel; at most the host's cap of keys, `truncated` when there were more. */
  keys?: KeysSnapshot;
  /** Present when the pattern shows the database panel. */
  dbRows?: DbRowView[];
  /**
   * In a step's or action's reply only: its Keys and database rows are those
   * of this earlier history entry's snapshot (carried: nothing they show had
   * changed), which the renderer already holds; it fills them in from there.
   */
  readsOf?: { stepIndex: number; startedAt: number };
}

export interface SessionState {
  /** The number of the 'session' update this state is, or was current at; deltas follow it. Absent from a state sent outside that numbering. */
  seq?: number;
  patternId: string;
  params: Record<string, number>;
  /** Index of the next step to run; equals steps.length when finished. */
  cursor: number;
  /** Each step's title computed from this run's parameters (the pattern list's titles use the defaults). */
  stepTitles: Message[];
  history: StepResult[];
  /** What background actors (a flush worker on a timer) did between steps, newest last. */
  background: TraceEntry[];
  /** Older background entries the log (a ring) no longer holds. */
  backgroundDropped?: number;
  /** The pattern's own panels, read from Redis and the database after every change. */
  panels: PanelData[];
}

/**
 * What changed in the open run since 'session' update `seq - 1`. History
 * entries are not repeated: each one came back as the reply to the step or
 * action that made it, so the delta says only how long the history is now.
 * A renderer that lacks an entry (another window asked for it) or sees a gap
 * in `seq` asks for the whole state (session.current) instead.
 */
export interface SessionDelta {
  kind: 'delta';
  seq: number;
  patternId: string;
  cursor: number;
  /** The history's length now. */
  history: number;
  /** History entries before this index no longer keep their snapshot (`after`): the host keeps the newest ones only. */
  snapshotsFrom: number;
  /** What background actors logged since the previous update, oldest first. */
  background: TraceEntry[];
  /** Background entries the host's log (a ring) no longer holds, in all. */
  backgroundDropped: number;
  /** The pattern's panels when they changed: the list, or 'newest-step' when they are the newest history entry's snapshot's. */
  panels?: PanelData[] | 'newest-step';
}

/** The 'session' event: the whole state (open, reset, a new run) or a numbered delta. */
export type SessionUpdate = SessionState | SessionDelta;

export type Tone = 'ok' | 'bad' | 'warn' | 'neutral';

export interface CountersPanel {
  kind: 'counters';
  title: Message;
  /** Side-by-side columns (e.g. "naive" and "with the fix"), each with labelled figures; a value is a number, a phrase, or null when not measured yet. */
  columns: { title: Message; tone?: Tone; items: { label: Message; value: number | Message | null; tone?: Tone }[] }[];
}

export interface ZsetPanel {
  kind: 'zset';
  key: string;
  /** Highest score first, as ZRANGE … REV WITHSCORES returns them. */
  entries: { member: string; score: number }[];
}

export interface PendingPanel {
  kind: 'pending';
  setKey: string;
  items: { id: string; cached: number | null; inDb: number | null; processing: boolean }[];
  /** Age of the oldest write still waiting for the worker; null when none. */
  oldestAgeMs: number | null;
  readAt: number;
  worker: { state: 'stopped' | 'idle' | 'flushing' | 'crashed'; intervalMs: number; nextRunAt?: number; flushes: number };
}

export interface PubSubPanel {
  kind: 'pubsub';
  channel: string;
  published: number;
  /** The sum of PUBLISH replies: deliveries Redis accepted (subscribers listening at that moment). */
  receivers: number;
  /** Deliveries the pattern's subscribers should have had: one per subscriber per message published. */
  expectedReceivers: number;
  subscribers: {
    actor: ActorId;
    name: Message;
    subscription: string;
    connected: boolean;
    received: number;
    /** Messages published since it subscribed that it has not received: in flight, or lost. */
    missed: number;
    /** Times its connection closed, whoever closed it (Redis' output-buffer limit, CLIENT KILL, the pattern). */
    disconnects: number;
    /** Times ioredis reconnected and re-sent its SUBSCRIBE by itself (autoResubscribe). */
    resubscribes: number;
    state: 'subscribed' | 'reconnecting' | 'resubscribed' | 'disconnected';
  }[];
  log: { at: number; actor: ActorId; direction: 'published' | 'received' | 'missed' | 'disconnected' | 'resubscribed'; text: Message }[];
  /** The log is a ring: how many older entries it no longer holds. */
  logDropped: number;
  logCapacity: number;
}

/**
 * A stream and one of its consumer groups: the first entries (ids and
 * fields, long values cut), each entry's state in the group, the group's
 * last-delivered id, and per consumer the pending entries XPENDING reports
 * with their idle time and delivery count.
 */
export interface StreamPanel {
  kind: 'stream';
  key: string;
  /** XLEN: every entry, shown or not. */
  length: number;
  /** The first entries (XRANGE … COUNT); 'new': not yet delivered to the group, 'pending': delivered and not acknowledged, 'acked': acknowledged. */
  entries: { id: string; fields: [string, string][]; state: 'new' | 'pending' | 'acked'; consumer?: string }[];
  /** Entries beyond the ones shown. */
  more: number;
  /** Absent when the group does not exist (yet). */
  group?: {
    name: string;
    lastDeliveredId: string;
    /** XPENDING's count: delivered and not yet acknowledged. */
    pending: number;
    consumers: {
      name: string;
      /** The actor (and lane) playing this consumer, for its colour. */
      actor?: ActorId;
      lane?: number;
      /** XINFO CONSUMERS idle: ms since it last read or claimed. */
      idleMs: number;
      pending: { id: string; idleMs: number; deliveries: number }[];
      /** Its pending entries beyond the ones shown. */
      pendingMore: number;
    }[];
  };
  readAt: number;
}

/**
 * Requests on a time axis, one row per limiter (or any gate that allows or
 * denies): each request a mark at its time, allowed or denied, the counts
 * per window under the row and figures beside it. Times are in ms of the
 * run's clock (virtual or real); `boundaries` are window edges to draw.
 */
export interface RequestsPanel {
  kind: 'requests';
  title: Message;
  from: number;
  to: number;
  boundaries: number[];
  rows: {
    label: Message;
    tone?: Tone;
    requests: { at: number; allowed: boolean; actor: ActorId; lane?: number; detail?: Message }[];
    windows: { from: number; to: number; allowed: number; denied: number }[];
    figures: { label: Message; value: number; tone?: Tone }[];
  }[];
}

/**
 * Who did what over time, one lane per actor: spans (holding a lock, being
 * inside a critical section) and marks (a refusal, an expiry, a write), on an
 * axis of moments; where more than one lane's solid spans cover the same
 * moment the panel highlights it across every lane.
 */
export interface LanesPanel {
  kind: 'lanes';
  title: Message;
  /** The moments along the axis, oldest first, each saying what happened then; spans and marks point at them by index. */
  moments: Message[];
  lanes: {
    actor: ActorId;
    name: Message;
    /** From moment `from` to moment `to` inclusive; `to` null: still going at the last moment. */
    spans: { from: number; to: number | null; label: Message; tone?: Tone; style: 'solid' | 'outline' }[];
    marks: { at: number; label: Message; tone?: Tone }[];
  }[];
  /** Moment ranges where `count` lanes' solid spans overlap. */
  overlaps: { from: number; to: number; count: number; label: Message }[];
  /** What a solid and an outline span mean in this panel. */
  legend: { solid: Message; outline: Message };
}

/**
 * Named series of [x, y] points on one chart (a hit rate per eviction
 * policy, a server figure over time): each series a bounded ring, `dropped`
 * counting the oldest points it no longer holds. x is what `xLabel` names
 * (reads so far, seconds); y is in `yLabel`'s unit, within `yRange` when given.
 */
export interface SeriesPanel {
  kind: 'series';
  title: Message;
  xLabel: Message;
  yLabel: Message;
  /** A fixed y range (0–100 for a percentage); absent: fitted to the points. */
  yRange?: [number, number];
  series: {
    name: Message;
    /** Which of the chart's colours (0–5), so a series keeps its colour across panels and steps. */
    color: number;
    points: [number, number][];
    /** Older points the ring no longer holds. */
    dropped: number;
  }[];
  /** What the chart shows in one sentence, read by screen readers and shown under it. */
  caption?: Message;
}

export type PanelData = CountersPanel | ZsetPanel | PendingPanel | PubSubPanel | StreamPanel | LanesPanel | SeriesPanel | RequestsPanel;

/** Which of the generic panels a pattern touches. */
export type GenericPanel = 'keys' | 'db';

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
  /** The name's full length in bytes when `key` shows only its start. */
  keyBytes?: number;
  /** What the Redis user may not read for this key; the matching numbers above are then placeholders. */
  denied?: KeyDenials;
}

/** Something Redis refused the app's user, read from its NOPERM error. */
export interface Denial {
  /** 'command': the user may not run the command at all; 'key': it may not use it on this key. */
  kind: 'command' | 'key';
  /** The refused command, lower case (e.g. 'pttl', 'eval', 'type'). */
  command: string;
}

/** Per part of a key's display, what Redis refused. */
export interface KeyDenials {
  type?: Denial;
  size?: Denial;
  value?: Denial;
  ttl?: Denial;
}

/** What the Keys panel's count line says: the namespace, how many keys lie beyond the panel, when it was read. */
export interface KeysSummary {
  namespace: string;
  /** True when the namespace held more keys than the panel reads. */
  truncated: boolean;
  /** Keys under the namespace beyond the panel's first ones: counted by name, never read. */
  more?: number;
  /** True when there are so many that `more` is only a lower bound. */
  moreIsLowerBound?: boolean;
  at: number;
}

export interface KeysSnapshot extends KeysSummary {
  keys: KeyInfo[];
  /** From the live feed: the number of the last update this snapshot includes, so deltas can follow it. */
  seq?: number;
}

/** A row of the Keys panel by its label: the name as shown and, when cut, its full length in bytes. */
export interface KeyRef {
  key: string;
  keyBytes?: number;
}

/** A key that came to the panel or changed; `index` (new keys only) is its place in the panel's order once the update is applied. */
export interface KeyChange {
  info: KeyInfo;
  index?: number;
}

/**
 * What changed on the panel since update `seq - 1`: keys removed, then keys
 * changed or added in the order their changes were seen. New keys go to
 * `index` in ascending order of it, after the removals.
 */
export interface KeysDelta extends KeysSummary {
  kind: 'delta';
  seq: number;
  changed: KeyChange[];
  removed: KeyRef[];
}

/** The live Keys feed: the whole panel at start, after a reconnect or a rescan; otherwise deltas. */
export type KeysUpdate = (KeysSnapshot & { kind: 'full'; seq: number }) | KeysDelta;

export interface UserRow {
  id: number;
  name: string;
  email: string;
  /** Bumped on every write; lets a cache refuse to go back in time. */
  version: number;
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

/** A key in the key browser: its bytes (base64, so binary keys survive the round trip) and how to show it. */
export interface BrowserKey {
  /** Base64 of the name for short names; '#' and a hash for long ones, which the host holds (bounded) so they never travel back whole. */
  id: string;
  label: string;
  /** The name's full length in bytes when `label` shows only its start. */
  bytes?: number;
}

/** The key browser's details for one row: its KeyInfo, or why there is none. */
export type BrowserDetails =
  | (KeyInfo & { id: string })
  /** 'deleted': the key is gone since the scan; 'forgotten': its long name is no longer held by the host (scan again). */
  | { id: string; missing: 'deleted' | 'forgotten' };

export const REDIS_TYPES = ['string', 'list', 'set', 'zset', 'hash', 'stream'] as const;
export type RedisType = (typeof REDIS_TYPES)[number];

/** One shown cell of a value: whole as text, or its start with the element's full length in bytes. */
export type ValueCell = string | { text: string; bytes: number };
