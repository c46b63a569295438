import source from './lua-withdraw.ts?raw';
import type { CountersPanel, StepOutcome, Tone } from '../../../shared/model';
import { outcomeTone } from '../../../shared/outcomes';
import { listOf, msg, type Message } from '../../../shared/i18n/message';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';

// #region naive
/** Check, then act: two round trips, and nothing stops another client between them. */
export async function withdrawNaive({ redis, key }: ActorContext, userId: number, amount: number, raceWindow = async () => {}) {
  const balance = Number((await redis.get(key(`balance:${userId}`))) ?? 0);
  if (balance < amount) return { ok: false, seen: balance, balance };
  await raceWindow(); // other clients read the same balance meanwhile
  return { ok: true, seen: balance, balance: await redis.decrby(key(`balance:${userId}`), amount) };
}
// #endregion

// #region script
/** The check and the DECRBY run inside Redis as one step: no other command can run in between. */
const WITHDRAW = `
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
if balance < amount then return {0, balance} end
return {1, redis.call('DECRBY', KEYS[1], amount)}`;

/** Sent once by SHA; the body travels only when the server answers NOSCRIPT. */
export async function withdrawAtomically({ redis, key }: ActorContext, userId: number, amount: number) {
  const [ok, balance] = (await runScript(redis, WITHDRAW, [key(`balance:${userId}`)], [amount])) as [number, number];
  return { ok: ok === 1, balance };
}
// #endregion

// #region deposit
export async function setBalance({ redis, key }: ActorContext, userId: number, amount: number) {
  await redis.set(key(`balance:${userId}`), amount);
}
// #endregion

// #region register
/** Registered once per server; every client then sends only the SHA. */
export async function registerWithdraw({ redis }: ActorContext) {
  return (await redis.call('SCRIPT', 'LOAD', WITHDRAW)) as string;
}
// #endregion

interface Tally {
  accepted: number;
  refused: number;
  /** The balance read just before the crowd: what the withdrawals had to share. */
  start?: number;
  final?: number;
}

interface WithdrawState {
  naive: Tally;
  atomic: Tally;
}

/** Every client has read the balance before any of them withdraws: the race window, held open for all. */
function barrier(n: number) {
  let waiting = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    if (++waiting === n) release();
    await all;
  };
}

async function crowd<R extends { ok: boolean }>(ctx: StepContext<WithdrawState>, withdraw: (client: ActorContext) => Promise<R>) {
  const clients = Array.from({ length: ctx.params.clients }, (_, lane) => ctx.as('clientA', lane));
  await Promise.all(clients.map((c) => c.ready()));
  const start = await balanceNow(ctx);
  const results = await Promise.all(clients.map(withdraw));
  const final = await balanceNow(ctx);
  return { results, tally: { accepted: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length, start, final } };
}

/** The balance as the inspector reads it, untraced. */
async function balanceNow(ctx: StepContext<WithdrawState>): Promise<number> {
  return Number((await ctx.peekKey(ctx.key('balance:1'))).value ?? 0);
}

/** How many withdrawals of `amount` a balance can pay; more than that overdraws it. */
const affordable = (balance: number, amount: number) => Math.max(0, Math.floor(balance / amount));

const crowdOutcome = (t: Tally): StepOutcome => ((t.final ?? 0) < 0 ? 'overdraft' : t.accepted > 0 ? 'safe' : 'info');

const depositNarrative = (balance: number, amount: number) => msg('lua.deposit', { balance, room: affordable(balance, amount), amount });

/** What the GETs replied, in one phrase: usually every client saw the same balance. */
function seenPhrase(seen: number[]): Message {
  const distinct = [...new Set(seen)].sort((a, b) => b - a);
  return distinct.length === 1 ? msg('lua.seen.same', { seen: distinct[0] }) : msg('lua.seen.mixed', { seen: listOf(distinct.map(String)) });
}

function naiveNarrative(seen: number[], amount: number, t: Tally): Message {
  const read = seenPhrase(seen);
  const final = String(t.final);
  if (t.accepted === 0) return msg('lua.naive.allRefused', { read, amount, refused: t.refused, final });
  const over = Math.max(0, t.accepted - affordable(Math.max(...seen), amount));
  return msg('lua.naive', { read, accepted: t.accepted, refused: t.refused, over, final });
}

function atomicNarrative(amount: number, t: Tally): Message {
  return msg('lua.atomic', { accepted: t.accepted, refused: t.refused, amount, final: String(t.final), floor: (t.final ?? 0) >= 0 ? 'yes' : 'no' });
}

function column(title: Message, t: Tally, amount: number): CountersPanel['columns'][number] {
  const overdrawn = t.final !== undefined && t.final < 0;
  // Coloured as the step tags are: OVERDRAFT when it went below zero, SAFE when it did not.
  const tone: Tone = t.final === undefined ? 'neutral' : outcomeTone(overdrawn ? 'overdraft' : 'safe');
  const possible = affordable(t.start ?? 0, amount);
  return {
    title,
    tone,
    items: [
      { label: msg('lua.panel.accepted'), value: t.final === undefined ? null : t.accepted, tone: t.accepted > possible ? outcomeTone('overdraft') : 'neutral' },
      { label: msg('lua.panel.refused'), value: t.final === undefined ? null : t.refused },
      { label: msg('lua.panel.overshooting'), value: t.final === undefined ? null : Math.max(0, t.accepted - possible), tone },
      { label: msg('lua.panel.final'), value: t.final ?? null, tone },
    ],
  };
}

export const luaWithdraw = definePattern<WithdrawState>({
  id: 'lua-withdraw',
  title: msg('lua.title'),
  group: 'Atomicity',
  summary: msg('lua.summary'),
  params: [
    { name: 'initial', label: msg('lua.param.initial'), min: 0, max: 1_000_000, default: 100 },
    { name: 'amount', label: msg('lua.param.amount'), min: 1, max: 1_000_000, default: 30 },
    { name: 'clients', label: msg('lua.param.clients'), min: 2, max: 50, default: 10 },
  ],
  actors: ['clientA'],
  panels: ['keys'],
  createState: () => ({ naive: { accepted: 0, refused: 0 }, atomic: { accepted: 0, refused: 0 } }),
  steps: [
    {
      title: (p) => msg('lua.step.deposit', { initial: p.initial }),
      code: sourceRegion(source, 'deposit'),
      actors: ['clientA'],
      run: async (ctx) => {
        await setBalance(ctx.as('clientA'), 1, ctx.params.initial);
        return { narrative: depositNarrative(await balanceNow(ctx), ctx.params.amount), outcome: 'write' };
      },
    },
    {
      title: (p) => msg('lua.step.naive', { clients: p.clients, amount: p.amount }),
      code: sourceRegion(source, 'naive'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { clients, amount } = ctx.params;
        const window = barrier(clients);
        const { results, tally } = await crowd(ctx, (client) => withdrawNaive(client, 1, amount, window));
        ctx.state.naive = tally;
        return { narrative: naiveNarrative(results.map((r) => r.seen), amount, tally), outcome: crowdOutcome(tally) };
      },
    },
    {
      title: (p) => msg('lua.step.register', { initial: p.initial }),
      code: `${sourceRegion(source, 'deposit')}\n\n${sourceRegion(source, 'register')}`,
      actors: ['clientA'],
      run: async (ctx) => {
        const client = ctx.as('clientA');
        await setBalance(client, 1, ctx.params.initial);
        const sha = await registerWithdraw(client);
        return {
          narrative: msg('lua.registered', { balance: await balanceNow(ctx), sha: sha.slice(0, 12) }),
          outcome: 'write',
        };
      },
    },
    {
      title: (p) => msg('lua.step.atomic', { clients: p.clients, amount: p.amount }),
      code: sourceRegion(source, 'script'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { amount } = ctx.params;
        const { tally } = await crowd(ctx, (client) => withdrawAtomically(client, 1, amount));
        ctx.state.atomic = tally;
        return { narrative: atomicNarrative(amount, tally), outcome: crowdOutcome(tally) };
      },
    },
  ],
  inspect: async ({ state, params }) => [
    {
      kind: 'counters',
      title: msg('lua.panel.title'),
      columns: [column(msg('lua.panel.naive'), state.naive, params.amount), column(msg('lua.panel.script'), state.atomic, params.amount)],
    },
  ],
});
