/** Texts of the key browser's list side: scanning, tree, filters, jump (ICU MessageFormat). */
const messages = {} as const;
export default messages;
