/** English errors messages (ICU MessageFormat). Every id here must exist in ko/errors.ts; the type of that file makes it so. */
const en = {
  'errors.catalog': 'errors',
  'errors.serverTooOld': '{pattern} needs Redis {major}.{minor} or newer for {feature}; this server runs {version}.',
} as const satisfies Record<string, string>;

export default en;
