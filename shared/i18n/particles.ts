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
  return undefined;
}

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
