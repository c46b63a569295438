import type { Redis, RedisOptions } from 'ioredis';
import type { ConnectInputT, ExistingConnectOptions } from '../../../shared/contract';
import { ConnectInput } from '../../../shared/contract';
import type { ActorId, ConnectionStatus, TraceOrder } from '../../../shared/model';
import { AppError } from '../app-error';
import type { ClearConsent } from '../../../shared/contract';
import { NamespaceConsent } from '../connection/namespace-consent';
import { describeNoPerm, parseNoPerm } from './permissions';
import { ServerOrder } from '../trace/server-order';

/** UNLINK, which the namespace reset relies on, arrived in Redis 4.0. */
const MIN_MAJOR = 4;
import { describeEndpoint, endpointFromOptions, openClient, type Endpoint, type ServerFacts } from './open-client';
import { startSandbox, type SandboxOptions, type SandboxServer } from './sandbox-server';
import { ServerIdentity } from './server-identity';
import { msg, type Message } from '../../../shared/i18n/message';

/** What a cluster node means for the app, said once at connect instead of a raw MOVED later. */
export const CLUSTER_LIMIT: Message = msg('limits.cluster');

/** Counts the keys already under the namespace; an ACL user without SCAN connects anyway, told what that costs. */
async function surveyOrExplain(client: Redis, server: string, namespace: string, limits: Message[]): Promise<{ keys: number; sample: string[] }> {
  try {
    return await new NamespaceConsent(server, namespace, false).survey(client);
  } catch (err) {
    const denied = parseNoPerm(err, 'scan');
    if (!denied) throw err;
    limits.push(msg('limits.scan', { denied: describeNoPerm(denied) }));
    return { keys: 0, sample: [] };
  }
}

/**
 * One Redis the app is connected to: a control client for the inspector,
 * one client per actor (so races are real races between connections), and
 * the sandbox server when the app started its own.
 */
export class LiveConnection {
  readonly kind: 'sandbox' | 'existing';
  readonly endpoint: Endpoint;
  readonly namespace: string;
  readonly control: Redis;
  readonly facts: ServerFacts;
  /** Whether the server restarted since a moment (a run's start): see ServerIdentity. */
  readonly identity: ServerIdentity;
  private existing: { keys: number; sample: string[] };
  private readonly consent: NamespaceConsent;
  private readonly actors = new Map<string, Redis>();
  private readonly sandbox?: SandboxServer;
  /** The server's execution order, where MONITOR is on; otherwise why traces show reply order. */
  readonly serverOrder?: ServerOrder;
  readonly traceOrder: TraceOrder;
  private state: ConnectionStatus['state'] = 'connected';
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();
  private closed = false;

  private constructor(init: {
    kind: 'sandbox' | 'existing';
    endpoint: Endpoint;
    namespace: string;
    control: Redis;
    facts: ServerFacts;
    existing: { keys: number; sample: string[] };
    sandbox?: SandboxServer;
    serverOrder: ServerOrder | { refused: Message };
  }) {
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.namespace = init.namespace;
    this.control = init.control;
    this.facts = init.facts;
    this.identity = new ServerIdentity(init.control, init.facts.runId);
    this.existing = init.existing;
    this.sandbox = init.sandbox;
    if (init.serverOrder instanceof ServerOrder) {
      this.serverOrder = init.serverOrder;
      this.traceOrder = { order: 'server' };
    } else {
      this.traceOrder = { order: 'reply', reason: init.serverOrder.refused };
    }
    this.consent = new NamespaceConsent(this.label, this.namespace, this.kind === 'sandbox');
    // Another server process now (or one that cannot be told apart): what is under the namespace was not what the user agreed to clear.
    this.identity.onChange(() => this.consent.forget());
    this.control.on('reconnecting', () => this.setState('reconnecting'));
    this.control.on('ready', () => this.setState('connected'));
    this.control.on('end', () => this.setState(this.closed ? 'disconnected' : 'error'));
  }

  /** Starts the sandbox or connects to an existing Redis, and counts the keys already under the namespace. */
  static async open(input: ConnectInputT, opts: Pick<SandboxOptions, 'dataDir' | 'tether' | 'searchPath'>): Promise<LiveConnection> {
    const parsed = ConnectInput.parse(input);
    let sandbox: SandboxServer | undefined;
    let endpoint: Endpoint;
    if (parsed.kind === 'sandbox') {
      sandbox = await startSandbox(opts);
      endpoint = { host: '127.0.0.1', port: sandbox.port, db: 0, tls: false, verifyCertificate: true, timeoutMs: 5000 };
    } else {
      endpoint = endpointFromOptions(parsed as ExistingConnectOptions);
    }
    try {
      const { client, facts } = await openClient(endpoint, 'rpi:control');
      if (facts.major > 0 && facts.major < MIN_MAJOR) {
        client.disconnect();
        throw new AppError('redis_error', msg('errors.connect.tooOld', { version: facts.version, major: MIN_MAJOR }));
      }
      const existing = await surveyOrExplain(client, describeEndpoint(endpoint), parsed.namespace, facts.limits);
      // MONITOR sees every client of the server: on the sandbox that is only the app; elsewhere only when asked for.
      const serverOrder =
        parsed.kind === 'sandbox' || (parsed as ExistingConnectOptions).serverOrder
          ? await ServerOrder.open(client)
          : { refused: msg('traceOrder.off') };
      return new LiveConnection({ kind: parsed.kind, endpoint, namespace: parsed.namespace, control: client, facts, existing, sandbox, serverOrder });
    } catch (err) {
      await sandbox?.stop();
      throw err;
    }
  }

  /** "sandbox 127.0.0.1:6391" or "redis.local:6379/0": the server the user agrees for. */
  get label(): string {
    return this.kind === 'sandbox' ? `sandbox 127.0.0.1:${this.endpoint.port}` : describeEndpoint(this.endpoint);
  }

  /**
   * Clears the namespace for a pattern run. Keys that were there before the
   * app touched the namespace of an existing Redis are only deleted with
   * the user's consent; the host decides, whatever the UI sent.
   */
  async clearNamespace(consent?: ClearConsent): Promise<number> {
    const deleted = await this.consent.clear(this.control, consent);
    if (this.existing.keys > 0) {
      this.existing = { keys: 0, sample: [] };
      for (const listener of this.listeners) listener(this.status());
    }
    return deleted;
  }

  /** The connection an actor (or one lane of it) sends its commands on, opened on first use. */
  clientFor(actor: ActorId, lane?: number): Redis {
    const id = lane === undefined ? actor : `${actor}-${lane}`;
    let client = this.actors.get(id);
    if (!client) {
      client = this.control.duplicate({ connectionName: `rpi:${id}`, lazyConnect: false });
      client.on('error', () => {
        // Reported through the control client's state and the failing step.
      });
      this.actors.set(id, client);
    }
    return client;
  }

  /** Closes every actor connection; the next use opens fresh ones. */
  async resetActors(): Promise<void> {
    const clients = [...this.actors.values()];
    this.actors.clear();
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  }

  /** A dedicated connection for subscriptions (a subscribed client can send nothing else), or a tool's own; `options` adjust its client's behaviour. */
  subscriber(name: string, options: RedisOptions = {}): Redis {
    const client = this.control.duplicate({ connectionName: `rpi:${name}`, lazyConnect: false, ...options });
    client.on('error', () => {});
    return client;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(extra: Partial<ConnectionStatus> = {}): ConnectionStatus {
    return {
      state: this.state,
      kind: this.kind,
      label: this.label,
      version: this.facts.version,
      role: this.facts.role,
      mode: this.facts.mode,
      limits: this.facts.mode === 'cluster' ? [CLUSTER_LIMIT, ...this.facts.limits] : this.facts.limits,
      namespace: this.namespace,
      existingKeys: this.existing.keys,
      existingSample: this.existing.sample,
      traceOrder: this.traceOrder,
      ...extra,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const clients = [...this.actors.values(), this.control];
    this.actors.clear();
    this.serverOrder?.close();
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    await this.sandbox?.stop();
    this.setState('disconnected');
  }

  /**
   * Refuses at once while the connection is down and reconnecting: a command
   * sent now would wait in ioredis' offline queue for the next reconnect
   * attempt (up to 2 s apart) and then fail, so a Step pressed during an
   * outage took 0.2 to 4 s per request to say what the status bar already says.
   */
  assertReachable(): void {
    if (this.state === 'reconnecting') throw new AppError('redis_unavailable', msg('errors.redisDown', { where: this.label }));
  }

  private setState(state: ConnectionStatus['state']): void {
    if (this.state === state) return;
    this.state = state;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
