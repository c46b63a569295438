/** English messages of the sessions pattern (ICU MessageFormat) and its explorer race. Every id here must exist in ko/pattern-sessions.ts. */
const en = {
  'group.Sessions': 'Sessions',
  'group.Sessions.sentence': 'Keep a user logged in while they work and out once they stop: a session hash whose TTL slides with each request, and a per-user set of tokens that “log out everywhere” reads — and that must not keep the dead ones.',

  'ui.outcome.logged-out': 'LOGGED OUT',
  'ui.outcome.logged-out.meaning': 'A user who was still making requests found their session gone: its TTL ran out while they worked.',
  'ui.outcome.dead-tokens': 'DEAD TOKENS',
  'ui.outcome.dead-tokens.meaning': 'A set of session tokens lists sessions that no longer exist: it grows with every login and never shrinks.',

  'sessions.title': 'Sessions: sliding TTL, token set, log out everywhere',
  'sessions.summary': 'Login writes session:\'{token}\' (a hash with a TTL) and adds the token to user:\'{id}\':sessions. A TTL set once at login logs out a user who is still working; a set nobody cleans keeps every expired token. The sliding TTL and the cleanup beside them.',
  'sessions.param.requests': 'Requests while working',
  'sessions.param.interval': 'Time between requests',
  'sessions.param.logins': 'Logins on other devices',

  'sessions.step.work': 'Log in on server A (TTL fixed at login) and server B (sliding TTL), then keep working: {requests, number} requests, one every {interval, number} ms, with a {ttl} s TTL',
  'sessions.step.devices': 'User 2 logs in on {logins, number} more devices, then logs out of the first of them',
  'sessions.step.idle': 'Nobody uses them: wait out the {ttl} s TTL, then compare the token set with the live sessions',
  'sessions.step.cleanup': 'Log in twice with the cleanup, then log out everywhere (one script)',

  'sessions.pttl.gone': 'PTTL -2 (no such key)',
  'sessions.pttl.none': 'PTTL -1 (no expiry)',
  'sessions.pttl.left': 'PTTL {ms, number} ms',
  'sessions.event.loggedOut': 'request {n, number} at {s} s: HGETALL returned an empty hash — no session, the user is sent to the login page',

  'sessions.work.lost': 'Server A set the {ttl} s TTL at login and never again: it answered {aServed, number} of {requests, number} requests, then request {n, number} at {at} s found no session (HGETALL empty, {aPttl}) — user 1 was logged out in the middle of their work. Server B refreshed the TTL with PEXPIRE on each request and answered {bServed, number} of {requests, number}; PTTL after each request: {bPttls} ms.',
  'sessions.work.kept': 'Server A (TTL fixed at login) answered {aServed, number} of {requests, number} requests and its session is still there ({aPttl}): this work ended before the {ttl} s TTL did. Make the requests outlast the TTL to see it log the user out. Server B (PEXPIRE on each request) answered {bServed, number}; PTTL after each request: {bPttls} ms.',
  'sessions.devices': '{logins, number} logins took SCARD of user:2:sessions to {sizes}. Logging out of the first device: DEL replied {deleted, number}, SREM {removed, number}. Now the set has {size, number} tokens and {live, number} of their sessions exist.',
  'sessions.idle': 'Waited {waited, number} ms, the longest PTTL among the sessions. user:2:sessions still has SCARD {size, number}, but only {live, number} of those sessions exist (EXISTS per token): {dead, number} dead tokens that nothing removes — every login adds one, an expiry never takes one away. user:1:sessions likewise lists {fixedSet, number} token of a session that is gone.',
  'sessions.cleanup': 'The first login checked {checked, number} tokens with EXISTS and removed {removed, number} dead ones with SREM; after both logins the set has {size, number} tokens and {live, number} live sessions. Log out everywhere (one script: SMEMBERS, DEL, DEL) listed {listed, number} tokens and deleted {deleted, number} sessions; SCARD now {endSize, number}.',

  'sessions.way.fixed': 'Server A: TTL fixed at login',
  'sessions.way.sliding': 'Server B: sliding TTL (PEXPIRE per request)',
  'sessions.panel.work': 'An active user, TTL {ttl} s',
  'sessions.panel.served': 'requests that found the session',
  'sessions.panel.refused': 'requests logged out',
  'sessions.panel.pttl': 'last PTTL',
  'sessions.panel.sets': 'Token sets vs live sessions',
  'sessions.panel.setA': 'user:1:sessions (server A)',
  'sessions.panel.setB': 'user:2:sessions (server B)',
  'sessions.panel.size': 'tokens (SCARD)',
  'sessions.panel.live': 'live sessions (EXISTS)',
  'sessions.panel.dead': 'dead tokens',
  'sessions.panel.cleaned': 'removed by the cleanup',

  'explore.sessions.invariant': 'After “log out everywhere” races a login of the same user, every session that still exists is listed in user:2:sessions, so a later “log out everywhere” can still end it.',
  'explore.sessions.measure': 'live sessions missing from the set',
  'explore.sessions.naive': 'SMEMBERS, DEL, DEL as three commands',
  'explore.sessions.script': 'SMEMBERS, DEL, DEL in one script',
} as const;

export default en;
