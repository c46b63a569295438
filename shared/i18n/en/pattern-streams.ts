/** English messages of the Streams queue (ICU MessageFormat): the pattern, its panel, its explorer race. Every id here must exist in ko/pattern-streams.ts. */
const en = {
  'group.Queues': 'Queues',
  'group.Queues.sentence': 'Jobs that must not be lost: a Stream keeps every entry, a consumer group shares them out, and nothing leaves until a consumer acknowledges it.',

  'streamQueue.title': 'Streams: a job queue',
  'streamQueue.summary': 'XADD jobs, two workers share them through a consumer group; one dies holding jobs, and XAUTOCLAIM hands them to the other.',
  'streamQueue.requires': 'XAUTOCLAIM',
  'streamQueue.param.jobs': 'Jobs added',
  'streamQueue.param.count': 'COUNT per read',
  'streamQueue.param.later': 'Jobs added while worker 2 is offline',
  'streamQueue.param.minIdle': 'XAUTOCLAIM min-idle-time',

  'streamQueue.step.group': 'Create the consumer group (XGROUP CREATE … MKSTREAM)',
  'streamQueue.step.add': 'The producer adds {jobs, number} jobs (XADD)',
  'streamQueue.step.read': 'Both workers read up to {count, number} each (XREADGROUP … >)',
  'streamQueue.step.ack': 'Worker 1 finishes its jobs and acknowledges them (XACK)',
  'streamQueue.step.dies': 'Worker 2 dies holding its jobs, before any XACK',
  'streamQueue.step.readsOn': 'Worker 1 reads on: ">" never hands out the stuck jobs',
  'streamQueue.step.recover': 'The fix: worker 1 claims what has been idle {minIdle, number} ms (XAUTOCLAIM)',
  'streamQueue.step.away': '{later, plural, one {A job arrives} other {# jobs arrive}} while worker 2 is offline',
  'streamQueue.step.back': 'Worker 2 comes back and reads the stream',

  'streamQueue.group': 'XGROUP CREATE replied {reply}: stream {stream} exists (MKSTREAM) with group "{group}", starting at $ — only entries added from now on.',
  'streamQueue.added': '{n, number} XADD replied ids {first} … {last}; XLEN says the stream holds {len, number}.',
  'streamQueue.read': 'XREADGROUP gave worker-1 {one} and worker-2 {two}: each entry to one consumer. {pel}',
  'streamQueue.acked': 'Worker 1 ran {n, number} MULTI/EXEC (work + XACK); XACK acknowledged {acked, number}. {pel}',
  'streamQueue.died':
    '{n, plural, =0 {Worker 2 held nothing when it died.} one {Worker 2 died: XPENDING still lists 1 entry under {consumer}, delivered {deliveries, plural, one {# time} other {# times}}, idle {idle, number} ms. Nobody will XACK it.} other {Worker 2 died: XPENDING still lists # entries under {consumer}, delivered {deliveries, plural, one {# time} other {# times}}, idle {idle, number} ms or more. Nobody will XACK them.}} {pel}',
  'streamQueue.readsOn':
    'Worker 1 read and finished {n, number} more ({list}); its next XREADGROUP > replied nil. {stuck, plural, =0 {Nothing is stuck.} one {Yet 1 entry stays stuck in the PEL: ">" only hands out entries never delivered, so a dead consumer\'s entries wait forever.} other {Yet # entries stay stuck in the PEL: ">" only hands out entries never delivered, so a dead consumer\'s entries wait forever.}} {pel}',
  'streamQueue.recovered':
    'The youngest stuck entry had been idle {idle, number} ms{wait, plural, =0 {} other {; the step waited # ms more}}. XAUTOCLAIM (min-idle-time {minIdle, number} ms) then moved {claimed, number} ({list}) to worker-1, which finished them. XPENDING now counts {pending, number}; {once, number} of {added, number} jobs were done exactly once, {twice, number} twice.',
  'streamQueue.away':
    'Worker 2 is offline; XADD replied {list}. The stream keeps {waiting, plural, one {1 entry} other {# entries}} after the group\'s last-delivered id {lastDelivered}, handed to no one yet. A PUBLISH now would reach no one (see Pub/Sub: the missed message).',
  'streamQueue.back':
    '{consumer} reconnected; XREADGROUP > handed it {read, number} ({list}): {kept, number} of the {added, number} added while it was offline. Pub/Sub would have lost them; the stream kept them. XPENDING counts {pending, number}.',

  'streamQueue.pel.empty': 'XPENDING: the PEL is empty.',
  'streamQueue.pel.some': 'XPENDING: {count, number} pending ({list}).',
  'streamQueue.pel.consumer': '{consumer} {n, number}',
  'streamQueue.note.killed': 'killed before its first EXEC, holding {n, number} {n, plural, one {job} other {jobs}}',
  'streamQueue.note.wait': 'waits {wait, number} ms until the stuck entries have been idle {minIdle, number} ms (idle time is real time)',

  'streamQueue.panel.jobs': 'Jobs',
  'streamQueue.panel.queue': 'the queue',
  'streamQueue.panel.added': 'added (XADD)',
  'streamQueue.panel.once': 'done exactly once',
  'streamQueue.panel.pending': 'pending (XPENDING)',
  'streamQueue.panel.twice': 'done more than once',


  'ui.stream.title': 'Stream',
  'ui.stream.summary': '<code>{key}</code> · XLEN {length, number}',
  'ui.stream.group': 'group <code>{name}</code> · last-delivered-id <code>{last}</code> · {pending, number} pending',
  'ui.stream.noGroup': 'No consumer group yet.',
  'ui.stream.entries': 'Entries',
  'ui.stream.empty': 'The stream is empty.',
  'ui.stream.more': '{n, number} more {n, plural, one {entry} other {entries}} not shown',
  'ui.stream.col.id': 'id',
  'ui.stream.col.fields': 'fields',
  'ui.stream.col.state': 'in the group',
  'ui.stream.state.new': 'not delivered',
  'ui.stream.state.pending': 'pending · {consumer}',
  'ui.stream.state.acked': 'acknowledged',
  'ui.stream.consumers': 'Consumers and their pending entries (XPENDING)',
  'ui.stream.consumer.idle': 'idle {ms, number} ms',
  'ui.stream.consumer.none': 'nothing pending',
  'ui.stream.pendingEntry': '{id} · idle {idle, number} ms · delivered {deliveries, number}×',
  'ui.stream.pendingMore': '+{n, number} more',

  'explore.streamQueue.invariant': 'Every job added is acknowledged exactly once by the end: none stuck in the pending entries list, none done twice.',
  'explore.streamQueue.measure': 'jobs not done exactly once',
  'explore.streamQueue.none': 'No recovery: worker 2 is killed at any point; nobody claims what it held',
  'explore.streamQueue.autoclaim': 'XAUTOCLAIM: afterwards worker 1 claims what worker 2 left (min-idle-time 0 stands for "its owner has stopped")',
  'explore.streamQueue.killed': 'kill -9: worker 2 stops here',
} as const;

export default en;
