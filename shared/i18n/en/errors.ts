/** English errors messages (ICU MessageFormat). Every id here must exist in ko/errors.ts; the type of that file makes it so. */
const en = {
  'errors.catalog': 'errors',
  'errors.serverTooOld': '{pattern} needs Redis {major}.{minor} or newer for {feature}; this server runs {version}.',
  // Connecting
  'errors.connect.wrongPass': 'Redis at {where} refused the username or password.',
  'errors.connect.needsPass': 'Redis at {where} requires a password.',
  'errors.connect.noPerm': 'The user has no permission to run the commands the app needs on {where}: {detail}',
  'errors.connect.refused': 'Nothing is listening on {where}. Is Redis running, and on this port?',
  'errors.connect.hostNotFound': 'The host in {where} could not be resolved.',
  'errors.connect.unreachable': 'The host in {where} cannot be reached from this machine.',
  'errors.connect.timeout': '{where} did not answer in time.',
  'errors.connect.notRedis': 'The server on {where} does not speak the Redis protocol.',
  'errors.connect.tlsUntrusted': 'The TLS certificate of {where} is not trusted by this machine ({detail}).',
  'errors.connect.tlsFailed': 'TLS handshake with {where} failed: {detail}',
  'errors.connect.noTls': 'No TLS handshake from {where}: the server may not have TLS enabled. Turn TLS off or use its TLS port.',
  'errors.connect.other': 'Could not connect to {where}: {detail}',
  'errors.connect.tooOld': 'This server runs Redis {version}; the app needs {major}.0 or newer (it clears its namespace with UNLINK).',
  'errors.connect.badUrl': 'The URL is not valid. Example: redis://user:password@localhost:6379/0',
  'errors.connect.badDb': '"{db}" is not a database number (0–15).',
  'errors.connect.notConnected': 'Connect to a Redis first.',
  'errors.connect.already': 'Already connecting.',
  'errors.connect.cancelled': 'The connection was cancelled.',
  'errors.sandbox.missing': 'The sandbox needs redis-server, which is not installed on this machine.',
  'errors.sandbox.noStart': 'redis-server would not start: {detail}',
  'errors.redisGone': 'Redis went away during the request ({detail}). The app reconnects by itself; run the step again once the status bar says connected.',
  'errors.clusterRedirect':
    'This Redis is one node of a cluster, and the key lives on another node ({redirect}). The app does not follow cluster redirections yet; connect to a standalone Redis or the sandbox.',

  // What the server refuses (ACL) and what the app does instead
  'errors.noperm.command': 'The Redis user may not run {name}{categories, select, none {} other { (ACL categories {categories})}}: grant +{command} to allow it.',
  'errors.noperm.target':
    'The Redis user may not use {name, select, none {} other {{name} on }}this {what, select, channel {channel (an ACL channel pattern refuses it)} other {key (an ACL key pattern refuses it)}}.',
  'limits.scan': '{denied} Without SCAN the app cannot see what is under the namespace, so patterns cannot start from a clean one.',
  'limits.keysPanel': '{denied} The Keys panel stays empty without it.',
  'limits.info': "{denied} The server's version and role were read with HELLO instead.",
  'limits.infoAndHello': "INFO and HELLO are both refused, so the server's version is unknown: {denied}",
  'limits.noHello': 'INFO is refused and this server has no HELLO (Redis < 6.0), so its version is unknown.',
  'limits.cluster':
    'This server is one node of a Redis Cluster. The key browser shows this node’s keys only, and patterns are not run here: their keys would be spread over nodes the app does not follow yet (MOVED/CROSSSLOT). Use the sandbox or a standalone Redis for patterns.',
  'traceOrder.monitorFailed': 'MONITOR failed: {detail}.',
  'traceOrder.refused': '{why} Traces list replies in the order they reached the app, which need not be the order the server ran them in.',
  'traceOrder.off': 'Traces list replies in the order they reached the app; turn on "Server order (MONITOR)" when connecting to see the order the server ran them in.',
  'traceOrder.noAddress': 'A command was sent before its connection had an address.',
  'traceOrder.incomplete': 'MONITOR did not report every command of this step in time (a busy server drops its lines first).',

  // The namespace
  'errors.namespace.never': '{name} is never sent: it would reach keys outside "{namespace}".',
  'errors.namespace.unchecked': '{name} is not a command the app can check against the namespace.',
  'errors.namespace.outside': '{name} {key} is outside the namespace "{namespace}"; refused.',
  'errors.namespace.consent':
    '{n, plural, one {# key already exists} other {# keys already exist}} under "{namespace}" on {server}. Opening a pattern starts from a clean namespace and would delete {n, plural, one {it} other {them}}; nothing was deleted.',

  // Runs
  'errors.run.busy': 'A step is still running.',
  'errors.run.finished': 'The scenario has finished; reset it to run it again.',
  'errors.run.noAction': 'This pattern has no action "{action}".',
  'errors.run.resetBusy': 'Wait for the running step to finish before resetting.',
  'errors.run.noPattern': 'There is no pattern "{pattern}".',
  'errors.run.noSession': 'Open a pattern first.',

  // The key browser
  'errors.browser.scanRefused': 'Your Redis user may not run {command} (Redis answered NOPERM), so the key browser cannot list keys.',
  'errors.browser.typeFilter': 'Filtering by type uses SCAN … TYPE, which needs Redis 6.0 or newer; this server runs {version}.',
  'errors.browser.badId': 'A key id is either base64 or # and 32 hex digits.',
  'errors.browser.forgotten': 'The app no longer holds this long key name (it keeps a bounded number of them); scan again to read the key.',
  'hint.install.command': 'Install it with {how}: {command}',
  'hint.install.plain': 'Install it with: {command}',
  'hint.install.windows': 'Redis has no native Windows build: run it in WSL (sudo apt install redis-server) or Memurai, then connect to it as an existing Redis.',
  'hint.install.generic': 'Install it with your package manager (the package is usually called redis or redis-server).',
  'hint.selfSigned': 'If it is your own self-signed certificate, turn off "Verify certificate" to connect anyway.',

  // What the user typed into a parameter or an action field
  'check.range': '{min, number}–{max, number}',
  'check.rangeUnit': '{min, number}–{max, number} {unit}',
  'check.value': '{n, number}',
  'check.valueUnit': '{n, number} {unit}',
  'check.empty': '{label} is empty: enter {kind, select, whole {a whole number} other {a number}} from {range}.',
  'check.notNumber': '{label} must be {kind, select, whole {a whole number} other {a number}} from {range}; "{text}" is not one.',
  'check.notInRange': '{label} must be {kind, select, whole {a whole number} other {a number}} from {range}.',
  'check.tooSmall': '{label} must be at least {bound} (range {range}).',
  'check.tooBig': '{label} can be at most {bound} (range {range}).',
  'check.example': ' (e.g. {example})',
  'check.eg': 'e.g. {example}',
  'check.textEmpty': '{label} is empty: type one{example}.',
  'check.textInvalid': '{label} is not valid: "{text}" is not allowed here{example}.',
  'check.notReset': 'Not reset: {reason}',
} as const satisfies Record<string, string>;

export default en;
