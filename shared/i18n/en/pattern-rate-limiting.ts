/** English messages of the rate-limiting patterns (ICU MessageFormat). Every id here must exist in ko/pattern-rate-limiting.ts; the type of that file makes it so. */
const en = {
  'group.Rate limiting.sentence': 'Let a user make at most so many requests per window: three ways to count them, the fixed window letting twice the limit through at its edge, and a counter that never expires.',

  // Three limiters, one burst
  'rate.title': 'Rate limiting: three algorithms, one burst',
  'rate.summary':
    'The same bursts through a fixed window (INCR), a sliding log (sorted set) and a token bucket (Lua): the fixed window lets twice the limit through at its edge.',
  'rate.param.limit': 'Limit per window',
  'rate.param.window': 'Window',
  'rate.param.burst': 'Requests per burst',
  'rate.param.clients': 'Clients sending at once',
  'rate.algo.fixed': 'Fixed window (INCR + EXPIRE)',
  'rate.algo.sliding': 'Sliding log (sorted set)',
  'rate.algo.token': 'Token bucket (Lua)',
  'rate.step.before': '{burst, number} requests from {clients, number} {clients, plural, one {client} other {clients}} just before the window edge (t = {at, number} s)',
  'rate.step.after': '{burst, number} more just after the edge (t = {at, number} s)',
  'rate.step.later': '{burst, number} more half a window later (t = {at, number} s)',
  'rate.allowed': 'fixed window {fixed, number}, sliding log {sliding, number}, token bucket {token, number}',
  'rate.before':
    'Limit {limit, number} per {window, number} s. Of {burst, number} requests the limiters allowed: {allowed}. The token bucket has {tokens, number} {tokens, plural, one {token} other {tokens}} left.',
  'rate.after':
    'Allowed: {allowed}. The fixed window started a new counter at the edge (INCR replied {firstCount, number}), so it let {fixedMost, number} requests through within {span, number} s — {times, number}× the limit of {limit, number} per {window, number} s. {sliding} {token}',
  'rate.later':
    'Allowed: {allowed}. {sliding} {token} A token bucket promises at most {limit, number} at once and {limit, number} more per {window, number} s, so a window of {window, number} s may see up to {bound, number}, spread out rather than at one edge.',
  'rate.most.within': '{name}: at most {most, number} allowed within any {window, number} s, within the limit.',
  'rate.most.over': '{name}: {most, number} allowed within {window, number} s (t = {from, number}–{to, number} s), over the limit of {limit, number}.',
  'rate.seen.fixed': 'INCR replied {seen, number}',
  'rate.seen.sliding': 'ZCARD replied {seen, number}',
  'rate.seen.token': '{seen, number} tokens left',
  'rate.panel.title': 'Requests over time: limit {limit, number} per {window, number} s',
  'rate.panel.allowed': 'allowed',
  'rate.panel.denied': 'denied',
  'rate.panel.most': 'most within any {window, number} s',
  'rate.panel.window': 'window {from, number}–{to, number} s: {allowed, number} allowed, {denied, number} denied',
  'rate.panel.request': '{time, number} s, {who}: {verdict} ({detail})',
  'rate.panel.allowedMark': 'allowed',
  'rate.panel.deniedMark': 'denied',
  'rate.panel.edge': 'window edge at {at, number} s',
  'rate.panel.empty': 'No requests yet: run a step.',
  'rate.panel.axis': 'time (s)',

  // The counter without a TTL
  'rateTtl.title': 'Rate limiting: a counter that never expires',
  'rateTtl.summary':
    'INCR, then EXPIRE: a client that dies between them leaves a counter with no TTL that denies the user forever; INCR and EXPIRE in one script cannot be split.',
  'rateTtl.param.requests': 'Requests per step',
  'rateTtl.way.split': 'INCR, then EXPIRE',
  'rateTtl.way.atomic': 'INCR and EXPIRE in one script',
  'rateTtl.step.splitDies': 'A client sends INCR and dies before its EXPIRE',
  'rateTtl.step.atomicDies': 'With the script: a client sends its request and dies',
  'rateTtl.step.requests': 'The user sends {requests, number} requests ({way})',
  'rateTtl.step.wait': 'Wait out the window ({window, number} s)',
  'rateTtl.step.again': 'The user comes back: {requests, number} requests each way',
  'rateTtl.event.died': 'client process died',
  'rateTtl.pttl.none': 'PTTL -1 (no expiry)',
  'rateTtl.pttl.gone': 'PTTL -2 (no such key)',
  'rateTtl.pttl.left': 'PTTL {ms, number} ms',
  'rateTtl.splitDies':
    'INCR replied {count, number}, so this client had to set the window with EXPIRE — it died first. The counter holds {count, number} with {pttl}: nothing will ever delete it.',
  'rateTtl.atomicDies':
    'The script ran INCR and EXPIRE together before the client died: the counter holds {count, number} with {pttl}. Dying cannot split them.',
  'rateTtl.requests':
    '{allowed, number} allowed, {denied, number} denied (limit {limit, number}); INCR reached {count, number}, {pttl}.{stuck, select, yes { The counter never resets: once past the limit, every request is denied.} other {}}',
  'rateTtl.wait':
    'The script’s counter: EXISTS {atomicExists, number}, {atomicPttl} — its window ended. The split counter: EXISTS {splitExists, number}, {splitPttl} — still there.',
  'rateTtl.again':
    'Of {requests, number} requests: INCR, then EXPIRE allowed {splitAllowed, number} (INCR replied up to {splitCount, number}, {splitPttl}); the script allowed {atomicAllowed, number} in a fresh window ({atomicPttl}).',
  'rateTtl.panel.title': 'The counter, two ways',
  'rateTtl.panel.count': 'counter (INCR)',
  'rateTtl.panel.pttl': 'TTL',
  'rateTtl.panel.allowed': 'allowed',
  'rateTtl.panel.denied': 'denied',

  // Explorer
  'explore.rate.invariant': 'No window of the limit’s length holds more allowed requests than the limit, whatever order the clients’ commands run in.',
  'explore.rate.measure': 'most allowed within one window',
  'explore.rate.fixed': 'Fixed window: INCR on a counter per aligned window',
  'explore.rate.sliding': 'Sliding log: trim, ZCARD, ZADD in one script',
  'explore.rate.token': 'Token bucket: refill and take in one script (holds while the burst refills less than one token)',
  'explore.rateTtl.invariant': 'Every rate-limit counter that exists has a TTL, wherever the client is killed.',
  'explore.rateTtl.measure': 'counters without a TTL',
  'explore.rateTtl.split': 'INCR, then EXPIRE: two commands',
  'explore.rateTtl.atomic': 'One script: INCR and EXPIRE together',
};

export default en;
