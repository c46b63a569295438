/** Texts of the key browser's list side: scanning, tree, filters, jump (ICU MessageFormat). */
const messages = {
  'browserList.error.staleScan': 'That scan has been replaced by a newer one; the list shows the newer scan.',
} as const;
export default messages;
