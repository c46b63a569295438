import source from './lua-withdraw.ts?raw';
import type { CountersPanel, Tone } from '../../../shared/model';
import { definePattern, sourceRegion, type ActorContext, type StepContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';

// #region naive
/** Check, then act: two round trips, and nothing stops another client between them. */
async function withdrawNaive({ redis, key }: ActorContext, userId: number, amount: number, raceWindow = async () => {}) {
  const balance = Number((await redis.get(key(`balance:${userId}`))) ?? 0);
  if (balance < amount) return { ok: false, balance };
  await raceWindow(); // other clients read the same balance meanwhile
  return { ok: true, balance: await redis.decrby(key(`balance:${userId}`), amount) };
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
async function withdrawAtomically({ redis, key }: ActorContext, userId: number, amount: number) {
  const [ok, balance] = (await runScript(redis, WITHDRAW, [key(`balance:${userId}`)], [amount])) as [number, number];
  return { ok: ok === 1, balance };
}
// #endregion

// #region deposit
async function setBalance({ redis, key }: ActorContext, userId: number, amount: number) {
  await redis.set(key(`balance:${userId}`), amount);
}
// #endregion

// #region register
/** Registered once per server; every client then sends only the SHA. */
async function registerWithdraw({ redis }: ActorContext) {
  return (await redis.call('SCRIPT', 'LOAD', WITHDRAW)) as string;
}
// #endregion

interface Tally {
  accepted: number;
  refused: number;
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

async function crowd(ctx: StepContext<WithdrawState>, withdraw: (client: ActorContext) => Promise<{ ok: boolean }>) {
  const clients = Array.from({ length: ctx.params.clients }, (_, lane) => ctx.as('clientA', lane));
  await Promise.all(clients.map((c) => c.ready()));
  const results = await Promise.all(clients.map(withdraw));
  return { accepted: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length };
}

function column(title: string, t: Tally, initial: number, amount: number): CountersPanel['columns'][number] {
  const overdrawn = t.final !== undefined && t.final < 0;
  const tone: Tone = t.final === undefined ? 'neutral' : overdrawn ? 'bad' : 'ok';
  const possible = Math.floor(initial / amount);
  return {
    title,
    tone,
    items: [
      { label: 'withdrawals accepted', value: t.final === undefined ? '—' : t.accepted, tone: t.accepted > possible ? 'bad' : 'neutral' },
      { label: 'refused', value: t.final === undefined ? '—' : t.refused },
      { label: 'overshooting withdrawals', value: t.final === undefined ? '—' : Math.max(0, t.accepted - possible), tone },
      { label: 'final balance', value: t.final ?? '—', tone },
    ],
  };
}

export const luaWithdraw = definePattern<WithdrawState>({
  id: 'lua-withdraw',
  title: 'Atomic withdraw (Lua)',
  group: 'Atomicity',
  summary: 'Concurrent GET-check-DECRBY overdraws an account; the same check inside a Lua script never does.',
  params: [
    { name: 'initial', label: 'Starting balance', min: 0, max: 1_000_000, default: 100 },
    { name: 'amount', label: 'Each withdrawal', min: 1, max: 1_000_000, default: 30 },
    { name: 'clients', label: 'Concurrent clients', min: 2, max: 50, default: 10 },
  ],
  actors: ['clientA'],
  panels: ['keys'],
  createState: () => ({ naive: { accepted: 0, refused: 0 }, atomic: { accepted: 0, refused: 0 } }),
  steps: [
    {
      title: (p) => `Balance starts at ${p.initial}`,
      code: sourceRegion(source, 'deposit'),
      actors: ['clientA'],
      run: async (ctx) => {
        await setBalance(ctx.as('clientA'), 1, ctx.params.initial);
        const n = Math.floor(ctx.params.initial / ctx.params.amount);
        return { narrative: `balance:1 = ${ctx.params.initial}: room for ${n} withdrawals of ${ctx.params.amount}.`, outcome: 'write' };
      },
    },
    {
      title: (p) => `${p.clients} clients withdraw ${p.amount} with GET, check, DECRBY`,
      code: sourceRegion(source, 'naive'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { clients, amount, initial } = ctx.params;
        const window = barrier(clients);
        const tally = await crowd(ctx, (client) => withdrawNaive(client, 1, amount, window));
        const final = Number((await ctx.peekKey(ctx.key('balance:1'))).value);
        ctx.state.naive = { ...tally, final };
        const over = tally.accepted - Math.floor(initial / amount);
        return {
          narrative: `Every client saw ${initial} and went ahead: ${tally.accepted} withdrawals accepted, ${over} too many, balance ${final}.`,
          outcome: final < 0 ? 'lost' : 'info',
        };
      },
    },
    {
      title: (p) => `Balance back to ${p.initial}; register the script`,
      code: `${sourceRegion(source, 'deposit')}\n\n${sourceRegion(source, 'register')}`,
      actors: ['clientA'],
      run: async (ctx) => {
        const client = ctx.as('clientA');
        await setBalance(client, 1, ctx.params.initial);
        const sha = await registerWithdraw(client);
        return {
          narrative: `balance:1 = ${ctx.params.initial} again. SCRIPT LOAD registered the script as ${sha.slice(0, 12)}…; a restarted server would answer NOSCRIPT, and the client would send the body once.`,
          outcome: 'write',
        };
      },
    },
    {
      title: (p) => `${p.clients} clients withdraw ${p.amount} with the script`,
      code: sourceRegion(source, 'script'),
      actors: ['clientA'],
      run: async (ctx) => {
        const { amount } = ctx.params;
        const tally = await crowd(ctx, (client) => withdrawAtomically(client, 1, amount));
        const final = Number((await ctx.peekKey(ctx.key('balance:1'))).value);
        ctx.state.atomic = { ...tally, final };
        return {
          narrative: `${tally.accepted} accepted, ${tally.refused} refused with the balance they would have overdrawn; final balance ${final}, never below zero.`,
          outcome: 'safe',
        };
      },
    },
  ],
  inspect: async ({ state, params }) => [
    {
      kind: 'counters',
      title: 'Same crowd, two ways',
      columns: [column('GET, check, DECRBY', state.naive, params.initial, params.amount), column('Lua script', state.atomic, params.initial, params.amount)],
    },
  ],
});
