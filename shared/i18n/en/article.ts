/** English messages of the article beside the code (ICU MessageFormat): the section a pattern comes from, its pros and cons, what the run showed, the article's defects and their fixes. Every id here must exist in ko/article.ts. */
const en = {
  'article.source': 'From the article “{article}”, section “{section}”',
  'article.tab': 'Article',
  'article.says': 'What the article says',
  'article.pros': 'Pros',
  'article.cons': 'Cons',
  'article.use': 'Use',
  'article.run': 'What this run showed',
  'article.defects': 'The article’s defects here, with the fix',
  'article.fix': 'Fix',
  'article.shape': 'Data',

  'article.cacheAside.pros': 'Simple, and only what is actually read gets cached.',
  'article.cacheAside.cons': 'The first read of each key pays for the slow database, and keeping the cache in step with the database takes work.',
  'article.writeThrough.pros': 'The cache stays consistent with the database.',
  'article.writeThrough.cons': 'Every write has to update the cache as well.',
  'article.writeBehind.pros': 'Writes are very fast: they only touch Redis.',
  'article.writeBehind.cons': 'Data can be lost for a while, and it is complex.',
  'article.pubsub.use': 'Users get notifications in real time; the article lists no drawbacks, but subscribers that are not connected miss messages.',
  'article.sortedSets.use': 'Made for games, leaderboards and tracking the latest data.',
  'article.lua.use': 'Several commands run as one atomic operation (the article breaks off inside this example).',

  'article.cacheAside.shape':
    'The article caches id, name and email. The app’s rows also carry version and updatedAt, and it caches the whole row: the Database panel calls a copy fresh only when it equals the row, and write-through’s versioned fix needs the version. A rename changes the name, so the verdicts shown here are the same as when comparing id, name and email alone.',
  'article.writeThrough.shape':
    'The article’s update_user caches the data its caller passed (json.dumps(data)). The app caches the row the database holds after the update, version and updatedAt included: write-through’s versioned fix compares versions, and the Database panel calls a copy fresh only when it equals the row. The commands are the article’s, in its order: the database update, then SETEX with the run’s TTL (3600 s unless changed, as in the article).',
  'article.pubsub.shape': 'The message is the article’s: type user_registered, user_id 123, email newuser@example.com and an ISO timestamp.',

  'article.obs.none': 'Run a step from the article and what it measured appears here.',
  'article.obs.cacheAside': 'The MISS took {miss}, the HIT {hit}: {times, number}× faster.',
  'article.obs.cacheAside.missOnly': 'The MISS took {miss} (the database read included); step on for the HIT.',
  'article.obs.cacheAside.hitOnly': 'The HIT took {hit}.',
  'article.obs.writeThrough': 'The database write took {db}, and the SETEX after it {setex}: both on every write.',
  'article.obs.writeThrough.read': 'The read after the write: {hit, select, yes {a HIT, served from the copy the write left} other {a MISS}}.',
  'article.obs.writeBehind': '{n, plural, one {# INCRBY} other {# INCRBYs}} replied in {avg} on average: no database in the way.',
  'article.obs.writeBehind.lost': '{n, plural, =0 {No step ended LOST.} one {# step ended LOST: points deleted before any flush wrote them.} other {# steps ended LOST: points deleted before any flush wrote them.}}',
  'article.obs.pubsub': 'The last PUBLISH replied {receivers, number}: that many subscribers got it at that moment. {missed, plural, =0 {No publish missed anyone.} one {# publish missed a subscriber.} other {# publishes missed a subscriber.}}',
  'article.obs.sortedSets.range': 'ZRANGEBYSCORE replied {reply}: lowest score first.',
  'article.obs.sortedSets.rank': 'ZREVRANK replied {reply}; the rank shown is that plus one.',
  'article.obs.generic': '{steps, plural, one {# step} other {# steps}} run, {commands, plural, one {# command} other {# commands}}, the slowest {slowest}.',

  'article.defect.a': 'Defect (a): the flush’s GET … DEL is not atomic',
  'article.defect.a.text': 'An INCRBY that lands between the worker’s GET and its DEL is deleted before any flush writes it.',
  'article.defect.a.fix': 'Take the value atomically (a Lua script doing GET, DEL and SREM; GETDEL on Redis 6.2+) and commit it under a token the database applies once.',
  'article.defect.b': 'Defect (b): the score range printed highest first',
  'article.defect.b.text': 'The article prints [(charlie, 1800), (alice, 1500)] for ZRANGEBYSCORE 1500 +inf, but Redis replies lowest score first: alice, then charlie.',
  'article.defect.b.fix': 'Ask for the order you print: ZREVRANGEBYSCORE game_leaderboard +inf 1500 (zrevrangebyscore), or reverse the list.',
  'article.defect.c': 'Defect (c): zrange(…, rev=True) is not a redis-py call',
  'article.defect.c.text': 'redis-py’s zrange has no rev argument, so the article’s get_leaderboard raises TypeError before anything reaches Redis. redis-py’s own spelling, zrange(…, desc=True, withscores=True), sends ZREVRANGE game_leaderboard 0 N-1 WITHSCORES, on any Redis version.',
  'article.defect.c.fix': 'Write desc=True (ZREVRANGE), or send ZRANGE … REV yourself as the app does: that command is the app’s choice and needs Redis 6.2; the article never sends it.',
  'article.defect.d': 'Defect (d): the write-behind client has no decode_responses',
  'article.defect.d.text': 'Read on its own, the section’s client is redis.Redis(host, port) without decode_responses: SMEMBERS gives bytes, the flush builds the key user:score:b{q}1{q}, GET replies nil and nothing reaches the database. The article’s code has lost its indentation, so whether SREM sits inside if new_score: cannot be read: if it runs either way (as the action below sends it), the id is removed and the points are stranded in user:score:1; if it is inside, the id stays pending and every flush fails the same way.',
  'article.defect.d.fix': 'decode_responses=True on the client (the Pub/Sub section’s client has it), or user_id.decode(). The action “{action}” sends those exact commands.',

  'article.leaderboard.requires': 'ZRANGE … REV, the app’s own top-N command — the article’s zrange(rev=True) line is not a redis-py call',

  'article.writeBehind.param.flush': 'Flush: 0 = the article’s as written (defect a), 1 = safe',
  'article.writeBehind.flushWait':
    '{inner} Flushed by {flush, select, article {the article’s flush as written (GET … DEL: an INCRBY between them would be lost, defect a)} other {the safe flush (atomic take, committed once)}}. The database adds each flushed value to the stored score, because the key is deleted after each flush: the next INCRBY starts again from zero.',
  'article.bytes.action': 'Flush as the article’s client would, without decode_responses (defect d)',
  'article.bytes.title': 'Flush with byte ids (no decode_responses)',
  'article.bytes.none': 'Nothing was pending: score a user first, then run this flush.',
  'article.bytes.done':
    'Without decode_responses SMEMBERS gives bytes, so the flush looked for {key}: GET replied nil, nothing was written to the database, yet SREM replied {removed, number} and the id left pending_writes. {stranded, number} points are stranded in {scoreKey}: no flush will look for them again.',
  'article.code.language': 'Code language',
  'article.code.python': 'Python',
  'article.code.typescript': 'TypeScript',
  'article.code.pythonNote': 'Python (redis-py), written for this app from the article’s section: it sends the same commands as the TypeScript, in the same order.',
  'article.code.appOnly': 'This step is the app’s own, not the article’s: TypeScript only.',
};

export default en;
