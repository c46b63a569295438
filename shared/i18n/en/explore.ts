/** English explorer messages: each race's invariant, measure and variants (ICU MessageFormat). */
const en = {
  'explore.script.title': 'Redis Pattern Inspector {version}: the shortest failing schedule',
  'explore.script.pattern': 'Pattern {pattern}, variant {variant}: {label}',
  'explore.script.params': 'Parameters {params}; strategy {strategy}, seed {seed}, {schedules} schedules',
  'explore.script.invariant': 'Invariant: {invariant}',
  'explore.script.verdict': 'Verdict: violated, {value} {measure}; {steps} steps, {switches} context switches',
  'explore.script.schedule': 'Schedule: {schedule}',
  'explore.script.run': "Run it on a scratch database (it writes the namespace’s keys): grep -v '^#' this-file | redis-cli -n 15",
  'explore.script.setup': 'Setup (before the race, unscheduled)',
  'explore.script.race': 'The race, one command at a time in the order the server ran them',
  'explore.script.inner': '(the script runs {command})',
  'explore.script.dbRead': '{actor} → database (read, not a Redis command): {sql}',
  'explore.script.dbWrite': '{actor} → database (write, not a Redis command): {sql}',
  'explore.lostUpdate.invariant': 'Every point a writer was acknowledged ends up in the database, still in its Redis key, or parked for a retry: none is lost.',
  'explore.lostUpdate.measure': 'points lost',
  'explore.lostUpdate.article': 'The article’s flush (GET … DEL)',
  'explore.lostUpdate.safe': 'The atomic take (Lua GET + DEL, parked until committed)',

  'explore.staleRefill.invariant': 'Once the reader and the writer are done, the cached copy equals the database row, or the key is absent.',
  'explore.staleRefill.measure': 'seconds a stale copy stays cached',
  'explore.staleRefill.article': 'Plain cache-aside (GET, SELECT, SETEX) against update-then-DEL',
  'explore.staleRefill.lease': 'A lease (SET NX) the writer revokes; the refill lands only while it holds',

  'explore.stampede.invariant': 'After the key expires, the database is read once, however many readers miss.',
  'explore.stampede.measure': 'database reads',
  'explore.stampede.article': 'Plain cache-aside: every reader that misses reads the database',
  'explore.stampede.lock': 'One rebuilder (SET NX PX lock); the others wait and read the cache again',

  'explore.writeThrough.invariant': 'Once both writers are done, the cached copy equals the database row, or the key is absent.',
  'explore.writeThrough.measure': 'seconds a stale copy stays cached',
  'explore.writeThrough.article': 'The article’s update (UPDATE, then SETEX)',
  'explore.writeThrough.versioned': 'Versioned SET (Lua: only a newer row replaces the cached one)',

  'explore.crash.invariant':
    'The worker is killed at any point of its flush and restarted: every point a writer was acknowledged reaches the database exactly once, or still waits in Redis. None lost, none counted twice.',
  'explore.crash.measure': 'points lost (negative: counted twice)',
  'explore.crash.article': 'The article’s flush, run again on restart',
  'explore.crash.safe': 'The atomic take, parked until committed; the restart replays what is parked',
  'explore.crash.killed': 'killed: its command in flight still reaches the server; the reply is never read',

  'explore.pubsubMissed.invariant': 'Every subscriber receives every message published after it first subscribed, even across a dropped connection.',
  'explore.pubsubMissed.measure': 'missed deliveries',
  'explore.pubsubMissed.article': 'Pub/Sub as in the article: PUBLISH, and B reconnects and subscribes again',
  'explore.pubsubMissed.stream': 'A Stream with a consumer group per subscriber: B reads on from where it stopped',

  'explore.lua.invariant': 'The balance never goes below 0, whatever order the withdrawals run in.',
  'explore.lua.measure': 'final balance',
  'explore.lua.article': 'Check, then act: GET, then DECRBY',
  'explore.lua.script': 'One Lua script: the check and the DECRBY as one step',
} as const satisfies Record<string, string>;

export default en;
