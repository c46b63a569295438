/** English explorer messages: each race's invariant, measure and variants (ICU MessageFormat). */
const en = {
  'explore.lostUpdate.invariant': 'Every point a writer was acknowledged ends up in the database, still in its Redis key, or parked for a retry: none is lost.',
  'explore.lostUpdate.measure': 'points lost',
  'explore.lostUpdate.article': 'The article’s flush (GET … DEL)',
  'explore.lostUpdate.safe': 'The atomic take (Lua GET + DEL, parked until committed)',
} as const satisfies Record<string, string>;

export default en;
