/**
 * Korean particles after a value: a Korean message cannot know whether
 * `{key}` will end in a consonant, so the catalog writes both forms —
 * `{key}을(를)`, `{name}은(는)`, `{value}(으)로` — and this picks the one the
 * finished text needs once the value is in, as a Korean reader would write
 * it. Where the sound cannot be told from the text (a Latin word such as GET
 * is read as a word or letter by letter) both forms stay: the convention
 * Korean software uses.
 *
 * Hand-written rather than a Hangul library: the renderer's first screen is
 * within a few KB of its 200 KB budget, and the rule is Unicode arithmetic.
 */

/** The dual forms the catalogs use, and each one's form after a final consonant and after a vowel. */
const FORMS: Record<string, [consonant: string, vowel: string]> = {
  '을(를)': ['을', '를'],
  '이(가)': ['이', '가'],
  '은(는)': ['은', '는'],
  '과(와)': ['과', '와'],
  '와(과)': ['과', '와'],
  '(으)로': ['으로', '로'],
};
const DUAL = /을\(를\)|이\(가\)|은\(는\)|과\(와\)|와\(과\)|\(으\)로/g;

/** Closing marks a particle may follow: the sound is that of the word inside them. */
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '」', '』', '`', '*']);

/** The final consonant ending the text before `end`: 'none', 'rieul' (ㄹ), 'other', or undefined when the text cannot tell. */
function finalSound(text: string, end: number): 'none' | 'rieul' | 'other' | undefined {
  let i = end - 1;
  while (i >= 0 && CLOSERS.has(text[i])) i--;
  if (i < 0) return undefined;
  const code = text.charCodeAt(i);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    return jong === 0 ? 'none' : jong === 8 ? 'rieul' : 'other';
  }
  if (code >= 0x30 && code <= 0x39) {
    // Read as Korean numbers: 일, 칠, 팔 end in ㄹ; 영, 삼, 육 and every round number (십, 백, 천, 만) in another consonant.
    const digit = code - 0x30;
    if (digit === 1 || digit === 7 || digit === 8) return 'rieul';
    if (digit === 0 || digit === 3 || digit === 6) return 'other';
    return 'none';
  }
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0xb5) {
    const word = /[A-Za-zµ]+$/.exec(text.slice(0, i + 1))![0];
    return LATIN_SOUNDS[word];
  }
  return undefined;
}

/**
 * Latin words whose Korean reading is settled: the Redis commands and units
 * the messages put before a particle, and single capital letters (actors A,
 * B, C). Any other Latin word keeps both forms.
 */
const LATIN_SOUNDS: Record<string, 'none' | 'rieul' | 'other'> = {
  // 겟, 셋, 스캔, 에이치스캔 …, 이그젝, 셧다운: another consonant; 델, 플러시올, 이밸, 에이치겟올: ㄹ.
  GET: 'other', SET: 'other', SCAN: 'other', HSCAN: 'other', SSCAN: 'other', ZSCAN: 'other', EXEC: 'other', SHUTDOWN: 'other',
  DEL: 'rieul', FLUSHALL: 'rieul', EVAL: 'rieul', HGETALL: 'rieul',
  ZRANGE: 'none', LRANGE: 'none', XRANGE: 'none', GETRANGE: 'none', KEYS: 'none', FLUSHDB: 'none', MONITOR: 'none',
  SUBSCRIBE: 'none', PSUBSCRIBE: 'none', SSUBSCRIBE: 'none', SELECT: 'none', EVALSHA: 'none', MULTI: 'none', DEBUG: 'none',
  CONFIG: 'none', SWAPDB: 'none', MIGRATE: 'none', MOVE: 'none', SORT: 'none', PUBLISH: 'none', SPUBLISH: 'none',
  WATCH: 'none', RESTORE: 'none', DUMP: 'none', SMEMBERS: 'none',
  // 에스애드, 지애드, 엑스애드, 인크르바이, 셋엑스, 익스파이어 …; 에스렘, 에이치셋, 엑스리드그룹: another consonant; 티티엘: ㄹ.
  SADD: 'none', ZADD: 'none', XADD: 'none', INCR: 'none', INCRBY: 'none', DECRBY: 'none', ZINCRBY: 'none', SETEX: 'none',
  SETNX: 'none', EXPIRE: 'none', PEXPIRE: 'none', LPUSH: 'none', RPUSH: 'none', ZREVRANK: 'none', ZSCORE: 'none',
  UNLINK: 'none', EXISTS: 'none', SCRIPT: 'none', SREM: 'other', HSET: 'other', HGET: 'other', XREADGROUP: 'other',
  TTL: 'rieul', PTTL: 'rieul',
  // Commands the rights messages name: 인포, 헬로, 레이티스트, 레이턴시, 메모리, 오브젝트, 클라이언트, 커맨드, 엑스인포; 타입, 엑스펜딩: another consonant; 에이씨엘: ㄹ.
  INFO: 'none', HELLO: 'none', LATEST: 'none', LATENCY: 'none', MEMORY: 'none', OBJECT: 'none', CLIENT: 'none', COMMAND: 'none',
  XINFO: 'none', TYPE: 'other', XPENDING: 'other', ACL: 'rieul',
  // 킬: ㄹ; 리플라이. The file names the explorer writes end in .json (제이슨: another consonant) or .redis (레디스).
  KILL: 'rieul', REPLY: 'none', json: 'other', redis: 'none',
  // Commands the console's refusals name: 피에프셀프테스트, 피에프디버그, 레플콘프, 에이치랜드필드, 에스랜드멤버, 지랜드멤버, 에스인터,
  // 에스디프, 지인터, 지디프, 엑스리드, 지팝맥스, 엘포스; 엠겟, 에스유니온, 지유니온, 엘팝, 알팝, 에스팝, 지팝민: another consonant; 풀 (… FULL): ㄹ.
  PFSELFTEST: 'none', PFDEBUG: 'none', REPLCONF: 'none', HRANDFIELD: 'none', SRANDMEMBER: 'none', ZRANDMEMBER: 'none', SINTER: 'none',
  SDIFF: 'none', ZINTER: 'none', ZDIFF: 'none', XREAD: 'none', ZPOPMAX: 'none', LPOS: 'none',
  MGET: 'other', SUNION: 'other', ZUNION: 'other', LPOP: 'other', RPOP: 'other', SPOP: 'other', ZPOPMIN: 'other', FULL: 'rieul',
  // Names the patterns themselves use: the stream queue's consumer group (워커스).
  workers: 'none',
  // 바이트, 킬로바이트 …, 밀리초, 마이크로초, 초.
  B: 'none', KB: 'none', MB: 'none', GB: 'none', TB: 'none', KiB: 'none', MiB: 'none', GiB: 'none', bytes: 'none', ms: 'none', µs: 'none', s: 'none',
  // 에이, 비, 씨, 디, 이, 에프, 지, 에이치, 아이, 제이, 케이, 엘, 엠, 엔, 오, 피, 큐, 알, 에스, 티, 유, 브이, 더블유, 엑스, 와이, 제트.
  A: 'none', C: 'none', D: 'none', E: 'none', F: 'none', G: 'none', H: 'none', I: 'none', J: 'none', K: 'none',
  L: 'rieul', M: 'other', N: 'other', O: 'none', P: 'none', Q: 'none', R: 'rieul', S: 'none', T: 'none', U: 'none',
  V: 'none', W: 'none', X: 'none', Y: 'none', Z: 'none',
};

/** The text with each dual particle replaced by the form its preceding word takes, where that word's sound is known. */
export function pickParticles(text: string): string {
  if (!text.includes('(')) return text;
  return text.replace(DUAL, (dual: string, offset: number) => {
    const sound = finalSound(text, offset);
    if (sound === undefined) return dual;
    const [consonant, vowel] = FORMS[dual];
    // (으)로 takes 로 after ㄹ as after a vowel: 파일로, 값으로.
    if (dual === '(으)로') return sound === 'other' ? consonant : vowel;
    return sound === 'none' ? vowel : consonant;
  });
}
