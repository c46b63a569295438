/** The languages the app speaks; Korean for a ko* system language, English otherwise. */
export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

/** The app's language for a system language tag such as "ko-KR" or "en-US". */
export function localeFor(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
