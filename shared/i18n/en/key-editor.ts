/** Texts of the key browser's value side: paged values, decoders, edits and history (ICU MessageFormat). */
const messages = {} as const;
export default messages;
