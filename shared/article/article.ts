/**
 * The article the patterns come from, and for each pattern: the section it
 * comes from and, for every step that comes from the article, a Python
 * (redis-py) version written for the app that sends the same commands as
 * the TypeScript the step runs. The app names the article and its sections;
 * the Python and every explanation are the app's own.
 *
 * `commands` lists the Redis commands the step's code sends, in the order
 * the code has them (one pass of a loop); the Python text's redis-py calls
 * and the TypeScript's redis calls both map to exactly this list
 * (test/integration/article-python.test.ts), and `sends` is what the step
 * really sends on its run (a hit sends GET only), checked against its trace
 * on a real redis-server.
 */

/** The article's title, as it has it. */
export const ARTICLE_TITLE = 'Redis 캐시 전략 실전 — 단순 TTL을 넘어서';

/** The article's sections, titled as the article titles them. */
export const ARTICLE_SECTIONS = {
  cacheAside: '캐싱 패턴 1: Cache-Aside (Lazy Loading)',
  writeThrough: '캐싱 패턴 2: Cache-Through (Write-Through)',
  writeBehind: '캐싱 패턴 3: Cache-Behind (Write-Behind)',
  pubsub: 'Redis Pub/Sub — 실시간 메시징',
  sortedSets: 'Redis Sorted Sets — 실시간 순위판',
  lua: 'Redis Lua 스크립트 — 원자성 보장',
} as const;
export type ArticleSection = keyof typeof ARTICLE_SECTIONS;

/** The article's defects: (a) the flush's GET … DEL, (b) the score range printed highest first, (c) zrange(rev=True), (d) no decode_responses in the write-behind client. */
export type ArticleDefect = 'a' | 'b' | 'c' | 'd';

export interface ArticleStep {
  /** The step in Python (redis-py), written for the app. */
  python: string;
  /** Command names the step's code sends, in code order (one pass of a loop). */
  commands: string[];
  /** The commands go to the background log (a timer-driven worker), not the step's own trace. */
  background?: boolean;
  /** What this step sends on its run when it takes one path of the code only (consecutive repeats counted once); `commands` when absent. */
  sends?: string[];
}

export interface ArticleLink {
  section: ArticleSection;
  /** The article's defects this pattern shows, each named where it occurs. */
  defects: ArticleDefect[];
  /** By step index. */
  steps: Record<number, ArticleStep>;
}

const GET_USER = `import json
import redis

r = redis.Redis(host='localhost', port=6379, decode_responses=True)

def get_user(user_id: int) -> dict:
    cache_key = f'rpi:user:{user_id}'
    cached = r.get(cache_key)                  # GET
    if cached:
        return json.loads(cached)              # cache hit
    user = fetch_from_database(user_id)        # the slow query
    if user:
        r.setex(cache_key, 3600, json.dumps(user))  # SETEX … 3600
    return user`;

const INCREMENT = `def increment_user_score(user_id: int, points: int):
    total = r.incrby(f'rpi:user:score:{user_id}', points)  # INCRBY
    added = r.sadd('rpi:pending_writes', user_id)           # SADD (0: already pending)
    return total, added`;

const FLUSH_ARTICLE = `# The article's flush. decode_responses=True on the client, or the ids
# come back as bytes and the key becomes 'rpi:user:score:b\\'1\\'' (defect d).
def flush_to_database():
    for user_id in r.smembers('rpi:pending_writes'):       # SMEMBERS
        cache_key = f'rpi:user:score:{user_id}'
        new_score = r.get(cache_key)                        # GET
        # nothing stops a writer's INCRBY here (defect a)
        if new_score:
            update_user_score_in_database(int(user_id), int(new_score))
            r.delete(cache_key)                             # DEL: drops that INCRBY
        r.srem('rpi:pending_writes', user_id)               # SREM`;

const FLUSH_BOTH = `${FLUSH_ARTICLE}

import hashlib
import time

# The app's safe flush (flush=1): take each value atomically, commit it under
# a token the database applies once, then drop it from "processing".
TAKE = """
local points = redis.call('GET', KEYS[2])
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[1], ARGV[1])
if not points then return false end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1] .. ':' .. points)
return points
"""
TAKE_SHA = hashlib.sha1(TAKE.encode()).hexdigest()

def flush_safely():
    for user_id in r.smembers('rpi:pending_writes'):       # SMEMBERS
        token = new_token()
        keys = ['rpi:pending_writes', f'rpi:user:score:{user_id}', 'rpi:processing']
        points = r.evalsha(TAKE_SHA, 3, *keys, user_id, token)  # EVALSHA (EVAL once on NOSCRIPT)
        if points is None:
            continue
        apply_flush_in_database(token, int(user_id), int(points))
        r.hdel('rpi:processing', token)                     # HDEL

# As the article's worker thread: flush=0 runs flush_to_database, flush=1 flush_safely.
def background_flush_worker(interval: int):
    while True:
        time.sleep(interval)
        flush_safely()`;

const UPDATE_USER = `def update_user(user_id: int, name: str):
    row = update_in_database(user_id, {'name': name})  # the database first
    if row:
        r.setex(f'rpi:user:{user_id}', 3600, json.dumps(row))  # SETEX … 3600
    return row`;

const DELETE_USER = `def delete_user(user_id: int):
    deleted = delete_from_database(user_id)      # the database first
    removed = r.delete(f'rpi:user:{user_id}')    # DEL
    return deleted, removed`;

const SUBSCRIBE = `import threading

# Each subscriber has its own connection: a subscribed connection only listens.
sub_a = r.pubsub()
sub_a.subscribe('rpi:notifications')             # SUBSCRIBE
sub_b = r.pubsub()
sub_b.subscribe('rpi:notifications')             # SUBSCRIBE
# The app adds a pattern subscriber, which also matches notifications:admin.
sub_p = r.pubsub()
sub_p.psubscribe('rpi:notif*')                   # PSUBSCRIBE

def listen(pubsub):
    for message in pubsub.listen():
        if message['type'] == 'message':
            data = json.loads(message['data'])
            if data['type'] == 'user_registered':
                send_welcome_email(data['email'])

threading.Thread(target=listen, args=(sub_a,), daemon=True).start()`;

const PUBLISH = `from datetime import datetime

def publish_notification(user_id: int, email: str) -> int:
    message = json.dumps({
        'type': 'user_registered',
        'user_id': user_id,
        'email': email,
        'timestamp': datetime.now().isoformat(),
    })
    return r.publish('rpi:notifications', message)  # PUBLISH: how many got it, now`;

const RECORD = `def record_game_score(player_id: str, score: int) -> int:
    return r.zadd('rpi:game_leaderboard', {player_id: score})  # ZADD

for player, score in [('alice', 1500), ('bob', 1200), ('charlie', 1800)]:
    record_game_score(player, score)`;

const TOP = `def get_leaderboard(limit: int = 10) -> list:
    # The article writes r.zrange(..., rev=True, withscores=True): redis-py's
    # zrange has no rev= argument, so that line fails before reaching Redis
    # (defect c). redis-py's own spelling is zrange(..., desc=True), which sends
    # ZREVRANGE. The app sends ZRANGE … REV (Redis 6.2+), so this does too:
    return r.execute_command('ZRANGE', 'rpi:game_leaderboard', 0, limit - 1,
                             'REV', 'WITHSCORES')`;

const RANK = `def get_player_rank(player_id: str) -> int:
    rank = r.zrevrank('rpi:game_leaderboard', player_id)  # ZREVRANK: 0 is first
    return rank + 1 if rank is not None else 0`;

const RANGE = `def scores_from(low: int) -> list:
    # ZRANGEBYSCORE replies lowest score first; the article prints this list
    # highest first (defect b). Reverse it, or use zrevrangebyscore.
    return r.zrangebyscore('rpi:game_leaderboard', low, float('inf'), withscores=True)`;

const WITHDRAW = `WITHDRAW = """
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
if balance < amount then return {0, balance} end
return {1, redis.call('DECRBY', KEYS[1], amount)}
"""`;

const DEPOSIT = `def set_balance(user_id: int, amount: int):
    r.set(f'rpi:balance:{user_id}', amount)   # SET`;

const REGISTER = `${WITHDRAW}

def register_withdraw() -> str:
    return r.script_load(WITHDRAW)            # SCRIPT LOAD: the server keeps it by SHA1`;

const ATOMIC = `${WITHDRAW}

# The article's r.register_script(...) (where the article breaks off): the
# Script object sends EVALSHA when called, and the body only on NOSCRIPT.
withdraw = r.register_script(WITHDRAW)        # EVALSHA, when called below

def withdraw_atomically(user_id: int, amount: int):
    ok, balance = withdraw(keys=[f'rpi:balance:{user_id}'], args=[amount])
    return ok == 1, balance`;

const GET_USER_STEP: ArticleStep = { python: GET_USER, commands: ['GET', 'SETEX'] };
const INCREMENT_STEP: ArticleStep = { python: INCREMENT, commands: ['INCRBY', 'SADD'] };

export const ARTICLE_PATTERNS: Record<string, ArticleLink> = {
  'cache-aside': {
    section: 'cacheAside',
    defects: [],
    steps: { 0: GET_USER_STEP, 1: { ...GET_USER_STEP, sends: ['GET'] }, 3: { ...GET_USER_STEP, sends: ['GET'] } },
  },
  'write-through': {
    section: 'writeThrough',
    defects: [],
    steps: {
      0: { python: UPDATE_USER, commands: ['SETEX'] },
      1: { ...GET_USER_STEP, sends: ['GET'] },
      2: { python: DELETE_USER, commands: ['DEL'] },
      3: { ...GET_USER_STEP, sends: ['GET'] },
    },
  },
  'write-behind': {
    section: 'writeBehind',
    defects: ['a', 'd'],
    steps: {
      1: INCREMENT_STEP,
      2: INCREMENT_STEP,
      3: INCREMENT_STEP,
      4: { python: FLUSH_BOTH, commands: ['SMEMBERS', 'GET', 'DEL', 'SREM', 'SMEMBERS', 'EVALSHA', 'HDEL'], sends: ['SMEMBERS', 'EVALSHA', 'HDEL'], background: true },
    },
  },
  'write-behind-lost-update': {
    section: 'writeBehind',
    defects: ['a'],
    steps: {
      0: INCREMENT_STEP,
      1: { python: FLUSH_ARTICLE, commands: ['SMEMBERS', 'GET', 'DEL', 'SREM'], sends: ['SMEMBERS', 'GET'] },
      2: INCREMENT_STEP,
      3: { python: FLUSH_ARTICLE, commands: ['SMEMBERS', 'GET', 'DEL', 'SREM'], sends: ['DEL', 'SREM'] },
      4: INCREMENT_STEP,
      6: INCREMENT_STEP,
    },
  },
  pubsub: {
    section: 'pubsub',
    defects: [],
    steps: { 0: { python: SUBSCRIBE, commands: ['SUBSCRIBE', 'SUBSCRIBE', 'PSUBSCRIBE'] }, 1: { python: PUBLISH, commands: ['PUBLISH'] }, 2: { python: PUBLISH, commands: ['PUBLISH'] } },
  },
  'pubsub-missed': {
    section: 'pubsub',
    defects: [],
    steps: { 0: { python: SUBSCRIBE, commands: ['SUBSCRIBE', 'SUBSCRIBE', 'PSUBSCRIBE'] }, 1: { python: PUBLISH, commands: ['PUBLISH'] }, 3: { python: PUBLISH, commands: ['PUBLISH'] } },
  },
  leaderboard: {
    section: 'sortedSets',
    defects: ['b', 'c'],
    steps: {
      0: { python: `${RECORD}\n\n${TOP}`, commands: ['ZADD', 'ZRANGE'] },
      1: { python: TOP, commands: ['ZRANGE'] },
      2: { python: RANK, commands: ['ZREVRANK'] },
      3: { python: RANGE, commands: ['ZRANGEBYSCORE'] },
      6: { python: RANK, commands: ['ZREVRANK'] },
    },
  },
  'write-behind-crash': { section: 'writeBehind', defects: ['a'], steps: { 0: INCREMENT_STEP, 2: INCREMENT_STEP } },
  'write-through-race': {
    section: 'writeThrough',
    defects: [],
    // Writer A stalls between its database write and its SETEX: the SETEX comes when it resumes.
    steps: { 0: { python: UPDATE_USER, commands: ['SETEX'], sends: [] }, 1: { python: UPDATE_USER, commands: ['SETEX'] }, 2: { python: UPDATE_USER, commands: ['SETEX'] } },
  },
  'cache-aside-stale-refill': {
    section: 'cacheAside',
    defects: [],
    // The reader misses, reads the database and stalls; its SETEX comes when it resumes.
    steps: { 0: { ...GET_USER_STEP, sends: ['GET'] }, 2: { ...GET_USER_STEP, sends: ['SETEX'] } },
  },
  'cache-aside-stampede': { section: 'cacheAside', defects: [], steps: { 0: GET_USER_STEP } },
  'lua-withdraw': {
    section: 'lua',
    defects: [],
    steps: {
      0: { python: DEPOSIT, commands: ['SET'] },
      2: { python: `${DEPOSIT}\n\n${REGISTER}`, commands: ['SET', 'SCRIPT'] },
      3: { python: ATOMIC, commands: ['EVALSHA'] },
    },
  },
};

/** redis-py methods as the Python versions call them, and the command each sends. */
export const REDIS_PY_COMMANDS: Record<string, string> = {
  get: 'GET',
  setex: 'SETEX',
  incrby: 'INCRBY',
  sadd: 'SADD',
  smembers: 'SMEMBERS',
  delete: 'DEL',
  srem: 'SREM',
  publish: 'PUBLISH',
  subscribe: 'SUBSCRIBE',
  psubscribe: 'PSUBSCRIBE',
  zadd: 'ZADD',
  zrevrank: 'ZREVRANK',
  zrangebyscore: 'ZRANGEBYSCORE',
  zrevrange: 'ZREVRANGE',
  hdel: 'HDEL',
  set: 'SET',
  script_load: 'SCRIPT',
  evalsha: 'EVALSHA',
  register_script: 'EVALSHA',
};

/**
 * The Redis commands a Python version sends, in text order: every
 * `<client>.<method>(` on the client `r` or a pubsub object, mapped by
 * REDIS_PY_COMMANDS; `execute_command('X', …)` sends X. redis-py's
 * `zrange(…, desc=True)` sends ZREVRANGE; `zrange(…, rev=True)` is not a
 * redis-py call (it raises TypeError before sending anything) and maps to
 * an error here. Comments and triple-quoted strings are ignored.
 */
export function pythonCommands(python: string): string[] {
  // A triple-quoted string (a Lua script's body) sends nothing by itself.
  const code = python
    .replace(/"""[\s\S]*?"""/g, '""')
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join('\n');
  const out: string[] = [];
  const call = /\b(r|sub_\w+|pubsub)\.(\w+)\(([^)]*)/g;
  for (const m of code.matchAll(call)) {
    const [, , method, args] = m;
    if (method === 'pubsub' || method === 'listen') continue;
    if (method === 'execute_command') {
      out.push(/^\s*'([A-Z]+)'/.exec(args)![1]);
    } else if (method === 'zrange') {
      if (/\brev\s*=/.test(args)) throw new Error(`zrange(rev=…) is not a redis-py call: ${m[0]}`);
      out.push(/\bdesc\s*=\s*True/.test(args) ? 'ZREVRANGE' : 'ZRANGE');
    } else {
      const command = REDIS_PY_COMMANDS[method];
      if (!command) throw new Error(`No command known for redis-py's ${method}()`);
      out.push(command);
    }
  }
  return out;
}

/**
 * The Redis commands a step's TypeScript sends, in text order:
 * `redis.<method>(` (ioredis, its name upper-cased), `redis.call('X'`, and
 * `runScript(redis` (EVALSHA).
 */
export function typescriptCommands(code: string): string[] {
  const out: string[] = [];
  // Lua inside template strings is the script's, not the client's: its redis.call()s run on the server.
  const lines = code.replace(/`[^`]*`/g, '``').split('\n').map((line) => line.replace(/\/\/.*$/, ''));
  for (const m of lines.join('\n').matchAll(/\bredis\.(\w+)\(\s*(?:'([A-Z]+)')?|\brunScript\(redis\b/g)) {
    if (m[0].startsWith('runScript')) out.push('EVALSHA');
    else if (m[1] === 'call') out.push(m[2]);
    else out.push(m[1].toUpperCase());
  }
  return out;
}

/** Consecutive repeats counted once: a loop's ZADD, ZADD, ZADD is one ZADD. */
export function collapseRepeats(commands: string[]): string[] {
  return commands.filter((c, i) => c !== commands[i - 1]);
}
