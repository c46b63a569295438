/** English patterns messages (ICU MessageFormat). Every id here must exist in ko/patterns.ts; the type of that file makes it so. */
const en = {
  'patterns.catalog': 'patterns',
} as const satisfies Record<string, string>;

export default en;
