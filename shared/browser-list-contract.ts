/**
 * The key browser's list side (scan to the end, tree, filters, jump, row
 * details): its requests, spread into `requests` in contract.ts so both
 * transports validate them like every other request.
 */
export const browserListRequests = {} as const;
