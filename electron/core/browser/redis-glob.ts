/**
 * Redis's glob (util.c stringmatchlen) on bytes, so the host can tell
 * whether a key it did not get from SCAN (one the value side just created)
 * belongs in a scan with a MATCH pattern: `*`, `?`, `[abc]`, `[^a-z]`, and
 * `\` escaping the next byte; case-sensitive, as MATCH is. Matched greedily
 * with one backtrack point (linear per star, never exponential like a
 * recursive matcher on '*a*a*a…').
 */
type Token = 'star' | ((byte: number) => boolean);

function tokens(p: Buffer): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === 0x2a) {
      if (out[out.length - 1] !== 'star') out.push('star');
    } else if (c === 0x3f) out.push(() => true);
    else if (c === 0x5b) {
      i++;
      const not = p[i] === 0x5e;
      if (not) i++;
      const singles: number[] = [];
      const ranges: [number, number][] = [];
      while (i < p.length && p[i] !== 0x5d) {
        if (p[i] === 0x5c && i + 1 < p.length) singles.push(p[++i]);
        else if (i + 2 < p.length && p[i + 1] === 0x2d && p[i + 2] !== 0x5d) {
          const [lo, hi] = p[i] <= p[i + 2] ? [p[i], p[i + 2]] : [p[i + 2], p[i]];
          ranges.push([lo, hi]);
          i += 2;
        } else singles.push(p[i]);
        i++;
      }
      out.push((b) => (singles.includes(b) || ranges.some(([lo, hi]) => b >= lo && b <= hi)) !== not);
    } else {
      const literal = c === 0x5c && i + 1 < p.length ? p[++i] : c;
      out.push((b) => b === literal);
    }
  }
  return out;
}

export function redisGlobMatch(pattern: Buffer, name: Buffer): boolean {
  const t = tokens(pattern);
  let si = 0;
  let ti = 0;
  let starTi = -1;
  let starSi = 0;
  while (si < name.length) {
    const tok = t[ti];
    if (tok !== undefined && tok !== 'star' && tok(name[si])) {
      ti++;
      si++;
    } else if (tok === 'star') {
      starTi = ti++;
      starSi = si;
    } else if (starTi !== -1) {
      ti = starTi + 1;
      si = ++starSi;
    } else return false;
  }
  while (t[ti] === 'star') ti++;
  return ti === t.length;
}
