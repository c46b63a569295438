/** The two Electron IPC channels; every request name travels inside them, as declared in contract.ts. */
export const IPC_INVOKE = 'rpi:invoke';
export const IPC_EVENTS = 'rpi:events';
