/** English messages of the eviction pattern (ICU MessageFormat) and of the generic series chart. Every id here must exist in ko/pattern-eviction.ts. */
const en = {
  'group.Memory': 'Memory',
  'group.Memory.sentence': 'A cache lives in a fixed amount of memory: when it is full, Redis evicts by a policy — or, under noeviction, refuses the write.',

  'ui.outcome.oom': 'OOM',
  'ui.outcome.oom.meaning': 'Redis refused a write because used memory is over maxmemory and its policy evicts nothing (noeviction).',

  // The series chart (generic)
  'ui.series.empty': 'No points yet: run a step.',
  'ui.series.dropped': '{n, plural, one {# older point} other {# older points}} no longer kept',
  'ui.series.latest': '{name}: {value, number} at {x, number}',
  'ui.series.chart': '{title}: {x} across, {y} up',

  'eviction.title': 'Eviction under memory pressure',
  'eviction.summary': 'A small maxmemory and a cache-aside cache read with a skewed (Zipf) mix: which keys allkeys-lru, allkeys-lfu and volatile-ttl evict, the hit rate each keeps, and the OOM errors noeviction answers with.',
  'eviction.param.maxmemory': 'maxmemory',
  'eviction.param.policy': 'Policy (0 allkeys-lru, 1 allkeys-lfu, 2 volatile-ttl, 3 noeviction)',
  'eviction.param.zipf': 'Zipf exponent × 100 (0 every user alike, 100 s = 1.0)',
  'eviction.param.users': 'Users in the database',
  'eviction.param.reads': 'Reads per round',
  'eviction.param.valueBytes': 'Cached profile size',
  'eviction.param.seed': 'Seed of the read mix',
  'eviction.param.allowConfig': 'On an existing Redis, allow CONFIG SET maxmemory (1 = yes; the whole server, restored afterwards)',
  'eviction.unit.mb': 'MB',
  'eviction.unit.bytes': 'bytes',

  'eviction.error.consent': 'This pattern sets maxmemory and maxmemory-policy with CONFIG SET, for the whole server: under an allkeys policy Redis may evict keys outside the namespace too. Run it on the sandbox, or set “allow CONFIG SET maxmemory” to 1 if this server is yours to squeeze (both settings are put back afterwards).',
  'eviction.error.tooFull': 'Redis already uses {used, number} MB, too close to a maxmemory of {max, number} MB: choose a larger maxmemory.',
  'eviction.error.notConfigured': 'Run the first step first: maxmemory is not set yet.',

  'eviction.series.policy': '{policy}',
  'eviction.series.oom': '{policy}: OOM refusals',
  'eviction.panel.hitRate': 'Hit rate per policy (the app’s own HIT/MISS from GET replies, per {bucket, number} reads)',
  'eviction.panel.hitRate.caption': 'Each policy reads the same seeded sequence (Zipf s = {s, number}, {users, number} users, seed {seed, number}) from an empty cache.',
  'eviction.panel.reads': 'reads',
  'eviction.panel.hitPercent': '% hits',
  'eviction.panel.pressure': 'Keys evicted (INFO stats evicted_keys since the policy started) and refills refused with OOM',
  'eviction.panel.pressure.caption': 'evicted_keys counts the whole server; OOM refusals are counted from the SETEX replies.',
  'eviction.panel.keys': 'keys',
  'eviction.panel.counters': 'Per policy, under maxmemory {max, number} MB',
  'eviction.counter.reads': 'reads',
  'eviction.counter.hitRate': 'hit rate',
  'eviction.counter.evicted': 'evicted (INFO)',
  'eviction.counter.oom': 'OOM refusals',
  'eviction.counter.hot': 'hottest still cached',
  'eviction.counter.cold': 'cold still cached',
  'eviction.percent': '{value, number} %',
  'eviction.ofSample': '{n, number} of {of, number}',

  'eviction.step.configure': 'Admin sets maxmemory {max, number} MB and maxmemory-policy {policy}; the database holds {users, number} users',
  'eviction.step.round1': '{reads, number} cache-aside reads, Zipf s = {s, number}, seed {seed, number}, under {policy}',
  'eviction.step.round2': '{reads, number} more reads under {policy}',
  'eviction.step.survivors': 'Which entries survived: EXISTS on the {n, number} hottest users and {n, number} read once, longest ago',
  'eviction.step.compare': 'The same {reads, number} reads under each policy other than {policy}, from an empty cache',
  'eviction.step.restore': 'Admin puts maxmemory and maxmemory-policy back',

  'eviction.configured':
    'CONFIG GET read maxmemory {previousMax, number} bytes and maxmemory-policy {previousPolicy}: kept, and put back by the last step, Reset, another pattern or a disconnect. Redis used {used, number} MB; CONFIG GET now reads maxmemory {max, number} MB and {policy}. The database added {added, number} users (now {users, number}).',
  'eviction.round':
    '{reads, number} reads under {policy}: {hits, number} hits and {misses, number} misses, {rate, number} % hits (counted from the GET replies). Redis evicted {evicted, number} keys meanwhile (INFO stats evicted_keys) and refused no refill; it uses {used, number} MB of {max, number} MB.',
  'eviction.round.oom':
    '{reads, number} reads under {policy}: {hits, number} hits, {misses, number} misses, {rate, number} % hits. Redis refused {oom, number} of the refills: “{error}”. Those users were served from the database and will miss again on every read; nothing was evicted ({evicted, number} evicted_keys). Used {used, number} MB of {max, number} MB.',
  'eviction.survivors':
    'Under {policy}, {hot, number} of the {n, number} hottest users (users 1–{n, number}, {hotReads, number} of the {reads, number} reads) are still cached, and {cold, number} of {coldSampled, number} cold users (read once each, the longest ago) — EXISTS replies, after {evicted, number} evictions.',
  'eviction.compare.line': '{policy} {rate, number} % hits, {evicted, number} evicted, {oom, number} OOM',
  'eviction.compare': 'The same {reads, number} reads per policy: {a}; {b}; {c}; {d}.',
  'eviction.compare.fixed':
    'The same {reads, number} reads per policy: {a}; {b}; {c}; {d}. noeviction refused {oom, number} refills with OOM and kept {noneRate, number} % hits; allkeys-lru made room by evicting {evicted, number} keys, refused nothing and kept {lruRate, number} %.',
  'eviction.restored': 'Put back: CONFIG GET reads maxmemory {max, number} bytes and maxmemory-policy {policy} again.',
  'eviction.restored.nothing': 'Nothing to put back (no CONFIG SET in this run); CONFIG GET reads maxmemory {max, number} bytes and {policy}.',
};

export default en;
