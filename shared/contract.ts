/**
 * The one contract between renderer and main. Every request the renderer may
 * make is declared here with its input schema and result type; every event
 * main pushes is declared here too. Both transports (Electron IPC and the
 * web-mode WebSocket) are driven by this table and validate with these schemas.
 */
import { z } from 'zod';
import type { MenuCommand } from './menu-commands';
import type {
  AppInfo,
  BrowserDetails,
  ConnectionStatus,
  DbRowView,
  KeysSnapshot,
  KeysUpdate,
  PatternSummary,
  SessionState,
  SessionUpdate,
  StepResult,
} from './model';
import { EXPLORE_SCHEDULES, EXPLORE_STRATEGIES, MAX_SCHEDULE_ACTOR_CHARS, MAX_SCHEDULE_STEPS, SCHEDULE_ACTOR, type ExplorationProgress, type ExploredSchedule } from './exploration';
import type { Message } from './i18n/message';
import { browserListRequests } from './browser-list-contract';
import { keyEditorRequests } from './key-editor-contract';
import type { ConsoleCommands, ConsoleReply, ServerDetails, ServerEvent } from './server-console';
import { keyIdSchema } from './key-id';
import { LOCALES } from './i18n/locales';

/** What the Explore view shows before a run: the invariant in words, what is charted, and the variants side by side. */
export interface ExploreDescription {
  patternId: string;
  invariant: Message;
  measure: Message;
  variants: { id: string; label: Message }[];
}

/** A namespace ends in one of these, so "rpi:" never also matches "rpi;x", "rpix" or "rpi" itself. */
export const NAMESPACE_SEPARATORS = [':', '/', '.', '-', '_', '|', '#'] as const;

/**
 * The namespace's refusals carry their message (params.msg, see dispatch's
 * describeIssues), so the connect form says them in the user's language;
 * the English text stays the issue's message for any other reader.
 */
const namespace = z
  .string()
  .trim()
  .superRefine((ns, ctx) => {
    const refuse = (id: string, message: string, values?: Record<string, string>) =>
      ctx.addIssue({ code: 'custom', message, params: { msg: { id, values } } });
    if (ns.length === 0) return refuse('issue.namespace.required', 'A namespace is required so the app never touches your other keys');
    if (ns.length > 100) return refuse('issue.namespace.long', 'A namespace is at most 100 characters long');
    if (!/^[^\s*?[\]\\]+$/.test(ns)) return refuse('issue.namespace.chars', 'Use letters, digits and separators such as ":" (no spaces or glob characters)');
    if (!(NAMESPACE_SEPARATORS as readonly string[]).includes(ns.slice(-1))) {
      const separators = NAMESPACE_SEPARATORS.join(' ');
      refuse(
        'issue.namespace.separator',
        `End the namespace with a separator (${separators}), e.g. "${ns}:". As typed, "${ns}" would also match keys such as "${ns}x", "${ns};1" and "${ns}" itself.`,
        { ns, separators },
      );
    }
  });

export const SandboxConnectInput = z
  .object({ kind: z.literal('sandbox'), namespace: namespace.default('rpi:') })
  .strict();

export const ExistingConnectInput = z
  .object({
    kind: z.literal('existing'),
    /** redis://user:pass@host:port/db or rediss:// — when given, it wins over the fields. */
    url: z
      .string()
      .trim()
      .max(2048)
      .regex(/^rediss?:\/\//, 'issue.url.scheme')
      .optional(),
    host: z.string().trim().min(1).max(255).default('127.0.0.1'),
    port: z.number().int().min(1).max(65535).default(6379),
    db: z.number().int().min(0).max(65_535).default(0),
    username: z.string().max(256).optional(),
    password: z.string().max(4096).optional(),
    tls: z.boolean().default(false),
    /** With TLS: refuse a certificate the system does not trust (self-signed). */
    verifyCertificate: z.boolean().default(true),
    namespace: namespace.default('rpi:'),
    /**
     * Order traces as the server ran them, with one MONITOR connection. Off by
     * default on someone's Redis: MONITOR streams every client's commands.
     */
    serverOrder: z.boolean().default(false),
    /** Milliseconds to wait for the server to answer before giving up. */
    timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  })
  .strict();

export const ConnectInput = z.discriminatedUnion('kind', [SandboxConnectInput, ExistingConnectInput]);
export type ConnectInputT = z.input<typeof ConnectInput>;
export type ExistingConnectOptions = z.output<typeof ExistingConnectInput>;

const empty = z.object({}).strict();
const patternId = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'errors.input.patternId');
const params = z.record(z.string().max(64), z.number().finite()).optional();

/**
 * The user's agreement to delete keys that existed under the namespace
 * before the app touched it: for this server (host:port/db), this
 * namespace, and at most this many keys, as the dialog showed them.
 */
export const ClearConsentInput = z
  .object({
    server: z.string().max(300),
    namespace: z.string().max(100),
    keys: z.number().int().min(0),
  })
  .strict();
export type ClearConsent = z.output<typeof ClearConsentInput>;

/**
 * A key browser id: base64 of a short name (at most 192 bytes), or '#' and
 * 32 hex digits for a long one the host holds — so no request carries a
 * long name back (see electron/core/browser/key-handles.ts).
 */
const browserKeyId = keyIdSchema;

/** Declares a request: its input schema and (as a phantom) its result type. */
function request<R>() {
  return <I extends z.ZodType>(input: I): { input: I; result: R } => ({ input, result: undefined as R });
}

/** The explorer's inputs: a strategy, a budget of schedules (1..100,000) and a seed that reproduces them. */
const variantId = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'errors.input.variantId');
export const ExploreStartInput = z
  .object({
    variants: z.array(variantId).min(1).max(16).optional(),
    strategy: z.enum(EXPLORE_STRATEGIES).default('auto'),
    schedules: z.number().int().min(EXPLORE_SCHEDULES.min).max(EXPLORE_SCHEDULES.max).default(EXPLORE_SCHEDULES.default),
    seed: z.number().int().min(-2_147_483_648).max(4_294_967_295).default(1),
  })
  .strict();
/** A schedule to replay: one actor key ("worker", "client#3") per decision. */
export { MAX_SCHEDULE_ACTOR_CHARS, MAX_SCHEDULE_STEPS } from './exploration';
const scheduleActor = z.string().min(1).max(MAX_SCHEDULE_ACTOR_CHARS).regex(SCHEDULE_ACTOR);
export const ExploreReplayInput = z.object({ variantId, schedule: z.array(scheduleActor).min(1).max(MAX_SCHEDULE_STEPS) }).strict();

const actionValues = z.record(z.string().max(64), z.union([z.string().max(256), z.number().finite()]));

export const requests = {
  'app.info': request<AppInfo>()(empty),
  /** The renderer's language, so what the host draws itself (the desktop app's native menu) speaks it too. */
  'app.language': request<null>()(z.object({ locale: z.enum(LOCALES) }).strict()),
  'connection.connect': request<ConnectionStatus>()(ConnectInput),
  'connection.disconnect': request<ConnectionStatus>()(empty),
  'connection.status': request<ConnectionStatus>()(empty),
  'patterns.list': request<PatternSummary[]>()(empty),
  'session.open': request<SessionState>()(z.object({ patternId, params, consent: ClearConsentInput.optional() }).strict()),
  /** The open run, if any: lets a reloaded renderer pick up where it was. */
  'session.current': request<SessionState | null>()(empty),
  'session.step': request<StepResult>()(empty),
  'session.action': request<StepResult>()(z.object({ actionId: patternId, values: actionValues }).strict()),
  'session.reset': request<SessionState>()(z.object({ params, consent: ClearConsentInput.optional() }).strict()),
  'keys.snapshot': request<KeysSnapshot>()(empty),
  'browser.details': request<BrowserDetails[]>()(z.object({ ids: z.array(browserKeyId).max(200) }).strict()),
  'db.rows': request<DbRowView[]>()(empty),
  /** Explores the open pattern's race off the request path: returns at once, progress comes as 'explore' events. */
  /** The open pattern's race: its invariant, measure and variants (undefined when it has none). */
  'explore.describe': request<ExploreDescription | null>()(empty),
  'explore.start': request<ExplorationProgress>()(ExploreStartInput),
  'explore.stop': request<ExplorationProgress | null>()(empty),
  'explore.current': request<ExplorationProgress | null>()(empty),
  /** Runs one schedule on a fresh state and returns what it did (an imported file replays this way). */
  'explore.replay': request<ExploredSchedule>()(ExploreReplayInput),
  /** The current exploration as a file: JSON, or a redis-cli script of the shortest failing schedule. */
  /** The file in the user's language (its invariant, labels and the script's comments); ids, commands and numbers are the same in every language. */
  'explore.export': request<{ filename: string; mime: string; content: string }>()(
    z.object({ format: z.enum(['json', 'redis-cli']), variantId: variantId.optional(), locale: z.enum(LOCALES).default('en') }).strict(),
  ),
  /** Starts (or renews) INFO sampling once a second while the Server panel shows, or stops it; a watch not renewed within 12 s lapses. */
  'server.watch': request<ServerEvent | null>()(z.object({ on: z.boolean() }).strict()),
  /** Server facts, SLOWLOG GET (at most `slowlog` entries) and LATENCY LATEST, each refused part naming the missing right. */
  'server.details': request<ServerDetails>()(z.object({ slowlog: z.number().int().min(1).max(32).default(16) }).strict()),
  /** What the console completes: COMMAND DOCS, or the client's command table. */
  'console.commands': request<ConsoleCommands>()(empty),
  /** One typed line, parsed as redis-cli parses it; the reply as redis-cli prints it, cut at 64 KB. */
  'console.run': request<ConsoleReply>()(z.object({ line: z.string().max(64 * 1024) }).strict()),
  ...browserListRequests,
  ...keyEditorRequests,
} as const;

export type RequestName = keyof typeof requests;
export type RequestInput<N extends RequestName> = z.input<(typeof requests)[N]['input']>;
export type RequestResult<N extends RequestName> = (typeof requests)[N]['result'];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

/** Events main pushes to the renderer, batched at most once per frame. */
export interface EventMap {
  connection: ConnectionStatus;
  /** The Keys panel: a full snapshot, then deltas numbered by `seq` (a gap means one was missed: ask keys.snapshot). */
  keys: KeysUpdate;
  /** The embedded database changed; the payload says which table. */
  db: { table: 'users' };
  /** The open run: the whole state, then deltas numbered by `seq` (a gap means one was missed: ask session.current). */
  session: SessionUpdate;
  /** The running (or last) exploration, at most once per ~50 ms. */
  explore: ExplorationProgress;
  /** One INFO sample (or why INFO is refused), once a second while the Server panel watches. */
  server: ServerEvent;
  /** Desktop only: a command chosen in the application menu. */
  menu: MenuCommand;
  /** The key browser's scan, as it runs on the host (keys found, cursor done), at most once per frame. */
  browserList: import('./browser-list').ListProgress;
}

export type EventName = keyof EventMap;
export type AppEvent = { [K in EventName]: { type: K; payload: EventMap[K] } }[EventName];

/** The envelope both transports carry for a request. */
export const RequestEnvelope = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  input: z.unknown(),
});

export { MAX_MESSAGE_BYTES } from './transport-limits';
