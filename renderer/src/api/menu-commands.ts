import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../shared/menu-commands';

/**
 * Commands from the desktop app's menu, arriving as 'menu' events on the
 * event feed. Each component that owns an action subscribes while it is on
 * screen, so a command reaches only what the user can see — the same rule
 * the keyboard shortcuts follow. With no subscriber, a command does nothing.
 */
const listeners = new Set<(command: MenuCommand) => void>();

export function dispatchMenuCommand(command: MenuCommand): void {
  for (const listener of [...listeners]) listener(command);
}

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Subscribes while the calling component is mounted; the latest handler is used without resubscribing. */
export function useMenuCommand(handler: (command: MenuCommand) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => onMenuCommand((command) => latest.current(command)), []);
}
