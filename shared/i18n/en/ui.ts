/** English ui messages (ICU MessageFormat). Every id here must exist in ko/ui.ts; the type of that file makes it so. */
const en = {
  'ui.catalog': 'ui',
} as const satisfies Record<string, string>;

export default en;
