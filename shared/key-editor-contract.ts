/**
 * The key browser's value side (every type paged, decoders, edits and their
 * history): its requests, spread into `requests` in contract.ts so both
 * transports validate them like every other request.
 */
export const keyEditorRequests = {} as const;
