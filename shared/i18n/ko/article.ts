import type en from '../en/article';

/** 한국어: 코드 옆의 원문 글 (ICU MessageFormat). en/article.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'article.source': '원문 “{article}”의 “{section}” 절',
  'article.tab': '원문',
  'article.says': '글에서 말하는 것',
  'article.pros': '장점',
  'article.cons': '단점',
  'article.use': '쓰임',
  'article.run': '이번 실행에서 본 것',
  'article.defects': '여기에 있는 글의 결함과 고치는 법',
  'article.fix': '고치는 법',
  'article.shape': '데이터',

  'article.cacheAside.pros': '단순하고, 실제로 읽히는 데이터만 캐시에 올라갑니다.',
  'article.cacheAside.cons': '키마다 첫 요청은 느린 DB를 거쳐야 하고, 캐시와 DB를 맞춰 두기가 까다롭습니다.',
  'article.writeThrough.pros': '캐시와 DB의 데이터 일관성이 높습니다.',
  'article.writeThrough.cons': '쓰기가 있을 때마다 캐시도 함께 갱신해야 합니다.',
  'article.writeBehind.pros': 'Redis에만 쓰므로 쓰기가 매우 빠릅니다.',
  'article.writeBehind.cons': '일시적으로 데이터를 잃을 위험이 있고, 구조가 복잡합니다.',
  'article.pubsub.use': '사용자가 알림을 실시간으로 받습니다. 글에 단점은 없지만, 연결되어 있지 않은 구독자는 메시지를 놓칩니다.',
  'article.sortedSets.use': '게임, 리더보드, 최신 데이터 추적에 딱 맞습니다.',
  'article.lua.use': '여러 명령을 하나의 원자적 작업으로 실행합니다 (글은 이 예제 도중에 끊깁니다).',

  'article.cacheAside.shape':
    '글은 id, name, email을 캐시합니다. 앱의 행에는 version과 updatedAt도 있고, 앱은 행 전체를 캐시합니다. DB 패널은 행과 똑같을 때만 최신(fresh)으로 보고, Write-Through의 버전 수정안에는 version이 필요하기 때문입니다. 여기서 보여 주는 변경은 이름 변경이라, id·name·email만 비교해도 판정은 같습니다.',
  'article.writeThrough.shape':
    '글의 update_user는 호출자가 넘긴 data(json.dumps(data))를 캐시합니다. 앱은 수정한 뒤 DB에 있는 행을 version과 updatedAt까지 통째로 캐시합니다. Write-Through의 버전 비교 수정이 버전을 비교하고, 데이터베이스 패널은 사본이 행과 같을 때만 최신이라고 하기 때문입니다. 명령은 글과 같은 순서입니다: DB 수정, 그다음 실행의 TTL(바꾸지 않으면 글과 같은 3600초)로 SETEX.',
  'article.pubsub.shape': '메시지는 글과 같습니다: type user_registered, user_id 123, email newuser@example.com, ISO 형식 timestamp.',

  'article.obs.none': '글에서 온 단계를 실행하면 측정한 결과가 여기에 나옵니다.',
  'article.obs.cacheAside': '캐시 미스는 {miss}, 캐시 히트는 {hit} 걸렸습니다: {times, number}배 빠릅니다.',
  'article.obs.cacheAside.missOnly': '캐시 미스는 DB 조회를 포함해 {miss} 걸렸습니다. 다음 단계에서 캐시 히트를 보세요.',
  'article.obs.cacheAside.hitOnly': '캐시 히트는 {hit} 걸렸습니다.',
  'article.obs.writeThrough': 'DB 쓰기에 {db}, 그 뒤 SETEX에 {setex} 걸렸습니다. 쓰기마다 둘 다 합니다.',
  'article.obs.writeThrough.read': '쓰기 뒤의 읽기: {hit, select, yes {쓰기가 남긴 사본에서 나온 캐시 히트} other {캐시 미스}}.',
  'article.obs.writeBehind': 'INCRBY {n, number}번이 평균 {avg}에 응답했습니다. 중간에 DB가 없습니다.',
  'article.obs.writeBehind.lost': '{n, plural, =0 {LOST로 끝난 단계는 없습니다.} other {#개 단계가 LOST로 끝났습니다: 반영되기 전에 점수가 지워졌습니다.}}',
  'article.obs.pubsub': '마지막 PUBLISH는 {receivers, number}을(를) 돌려줬습니다: 그 순간 받은 구독자 수입니다. {missed, plural, =0 {메시지를 놓친 구독자는 없었습니다.} other {#번의 발행에서 놓친 구독자가 있었습니다.}}',
  'article.obs.sortedSets.range': 'ZRANGEBYSCORE의 응답은 {reply}: 낮은 점수부터입니다.',
  'article.obs.sortedSets.rank': 'ZREVRANK의 응답은 {reply}이고, 보여 주는 순위는 여기에 1을 더한 값입니다.',
  'article.obs.generic': '{steps, number}개 단계 실행, 명령 {commands, number}개, 가장 느린 것은 {slowest}.',

  'article.defect.a': '결함 (a): 플러시의 GET … DEL이 원자적이지 않음',
  'article.defect.a.text': '워커의 GET과 DEL 사이에 들어온 INCRBY는 DB에 반영되기 전에 지워집니다.',
  'article.defect.a.fix': '값을 원자적으로 가져오세요 (GET·DEL·SREM을 하는 Lua 스크립트, Redis 6.2 이상이면 GETDEL). 그리고 DB가 한 번만 적용하는 토큰으로 반영하세요.',
  'article.defect.b': '결함 (b): 점수 범위를 높은 점수부터 출력함',
  'article.defect.b.text': '글은 ZRANGEBYSCORE 1500 +inf의 결과를 [(charlie, 1800), (alice, 1500)]로 적지만, Redis는 낮은 점수부터 돌려줍니다: alice, 그다음 charlie.',
  'article.defect.b.fix': '출력할 순서대로 요청하세요: ZREVRANGEBYSCORE game_leaderboard +inf 1500 (zrevrangebyscore), 또는 리스트를 뒤집으세요.',
  'article.defect.c': '결함 (c): zrange(…, rev=True)는 redis-py 호출이 아님',
  'article.defect.c.text': 'redis-py의 zrange에는 rev 인자가 없어서, 글의 get_leaderboard는 Redis에 닿기도 전에 TypeError로 실패합니다. redis-py식으로 zrange(…, desc=True, withscores=True)라고 쓰면 어느 버전에서나 ZREVRANGE game_leaderboard 0 N-1 WITHSCORES를 보냅니다.',
  'article.defect.c.fix': 'desc=True(ZREVRANGE)로 쓰거나, 앱처럼 ZRANGE … REV를 직접 보내세요. 이 명령은 앱의 선택이고 Redis 6.2가 필요합니다. 글은 이 명령을 보내지 않습니다.',
  'article.defect.d': '결함 (d): Cache-Behind (Write-Behind) 절의 클라이언트에 decode_responses가 없음',
  'article.defect.d.text': '그 절만 읽으면 클라이언트는 decode_responses 없는 redis.Redis(host, port)입니다. SMEMBERS가 bytes를 돌려주므로 플러시는 user:score:b{q}1{q} 키를 만들고, GET은 nil을 돌려주어 DB에는 아무것도 반영되지 않습니다. 글의 코드는 들여쓰기가 사라져 SREM이 if new_score: 안에 있는지 알 수 없습니다. 밖에 있다면(아래 액션이 그렇게 보냅니다) id는 지워지고 점수는 user:score:1에 갇힙니다. 안에 있다면 id가 대기 목록에 남아 플러시마다 같은 방식으로 실패합니다.',
  'article.defect.d.fix': '클라이언트에 decode_responses=True를 주거나 (Pub/Sub 절의 클라이언트는 그렇게 합니다) user_id.decode()를 쓰세요. “{action}” 액션이 바로 그 명령들을 보냅니다.',

  'article.leaderboard.requires': '앱이 상위 N명 조회에 쓰는 ZRANGE … REV — 글의 zrange(rev=True) 줄은 redis-py 호출이 아님',

  'article.writeBehind.param.flush': '플러시: 0 = 글 그대로 (결함 a), 1 = 안전한 방식',
  'article.writeBehind.flushWait':
    '{inner} 반영은 {flush, select, article {글에 적힌 그대로의 플러시 (GET … DEL: 그 사이의 INCRBY는 사라짐, 결함 a)} other {안전한 플러시 (원자적으로 가져와 한 번만 반영)}}로 했습니다. 플러시마다 키를 지우므로, DB는 반영된 값을 저장된 점수에 더합니다. 다음 INCRBY는 다시 0부터 셉니다.',
  'article.bytes.action': 'decode_responses 없는 글의 클라이언트처럼 플러시 (결함 d)',
  'article.bytes.title': 'bytes id로 플러시 (decode_responses 없음)',
  'article.bytes.none': '대기 중인 것이 없습니다. 먼저 점수를 올린 뒤 이 플러시를 실행하세요.',
  'article.bytes.done':
    'decode_responses가 없으면 SMEMBERS가 bytes를 돌려주므로 플러시는 {key}을(를) 찾았습니다. GET은 nil을 돌려주어 DB에는 아무것도 쓰이지 않았는데, SREM은 {removed, number}을(를) 돌려주며 id를 pending_writes에서 지웠습니다. {stranded, number}점이 {scoreKey}에 갇혔습니다: 어떤 플러시도 다시 찾지 않습니다.',
  'article.code.language': '코드 언어',
  'article.code.python': 'Python',
  'article.code.typescript': 'TypeScript',
  'article.code.pythonNote': '글의 해당 절을 바탕으로 앱이 쓴 Python (redis-py) 코드입니다. TypeScript와 같은 명령을 같은 순서로 보냅니다.',
  'article.code.appOnly': '이 단계는 글이 아니라 앱이 더한 것이라 TypeScript만 있습니다.',
};

export default ko;
