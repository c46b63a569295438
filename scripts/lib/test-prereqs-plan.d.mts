// Types for test-prereqs-plan.mjs (plain JavaScript: npm test runs it before anything is built).
export type Tool = 'redis-server' | 'chromium' | 'openssl';

export const TOOLS: Tool[];
export const DEFAULT_CHROMIUM: string;

export function parseOsRelease(text?: string): { id: string; idLike: string[] };
export function linuxFamily(osRelease?: string): 'debian' | 'fedora' | 'arch' | 'suse' | undefined;

export interface PrerequisiteSituation {
  platform: NodeJS.Platform;
  osRelease?: string;
  missing: Tool[];
  chromiumElsewhere?: string;
  isRoot: boolean;
  canSudo: boolean;
}

export type PrerequisitePlan =
  | { kind: 'ready' }
  | { kind: 'install'; commands: string[][]; env: Record<string, string> }
  | { kind: 'stop'; reason: string; commands: string[] };

export function planPrerequisites(situation: PrerequisiteSituation): PrerequisitePlan;
