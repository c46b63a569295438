#!/usr/bin/env node
// The first step of `npm test`: make sure redis-server, Chromium and openssl
// are there before any test runs — installing them where it can, otherwise
// stopping with the exact commands — so a fresh machine never gets a wall of
// failing tests instead. The decisions live in lib/test-prereqs-plan.mjs.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CHROMIUM, planPrerequisites } from './lib/test-prereqs-plan.mjs';

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return path.join(dir, command);
    } catch {}
  }
  return undefined;
}

/** Chromium under a name or place the tests do not look at by themselves. */
function chromiumElsewhere() {
  const named = ['chromium', 'chromium-browser'].map(onPath).find((found) => found && found !== DEFAULT_CHROMIUM);
  if (named) return named;
  return ['/snap/bin/chromium', '/Applications/Chromium.app/Contents/MacOS/Chromium'].find((file) => existsSync(file));
}

function missingTools() {
  const missing = [];
  if (!onPath('redis-server')) missing.push('redis-server');
  if (!existsSync(process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM)) missing.push('chromium');
  if (!onPath('openssl')) missing.push('openssl');
  return missing;
}

function readOsRelease() {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return readFileSync(file, 'utf8');
    } catch {}
  }
  return '';
}

function situation() {
  const isRoot = process.getuid?.() === 0;
  return {
    platform: process.platform,
    osRelease: process.platform === 'linux' ? readOsRelease() : undefined,
    missing: missingTools(),
    chromiumElsewhere: chromiumElsewhere(),
    isRoot,
    canSudo: !isRoot && onPath('sudo') !== undefined && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
  };
}

function stop(reason, commands) {
  const steps = commands.length ? ` Run:\n\n${commands.map((command) => `  ${command}`).join('\n')}\n\nthen npm test again.` : '';
  const wrongPath = process.env.CHROMIUM_PATH && !existsSync(process.env.CHROMIUM_PATH) ? ` (CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.)` : '';
  process.stderr.write(`\nnpm test cannot run yet: ${reason}.${wrongPath}${steps}\n\n`);
  process.exit(1);
}

const facts = situation();
const plan = planPrerequisites(facts);
if (plan.kind === 'stop') stop(plan.reason, plan.commands);
if (plan.kind === 'install') {
  process.stdout.write(`npm test: installing ${facts.missing.join(', ')}, which the tests need\n`);
  for (const command of plan.commands) {
    process.stdout.write(`$ ${command.join(' ')}\n`);
    const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, ...plan.env } });
    const why = result.error ? `could not be run (${result.error.code ?? result.error.message})` : `failed (exit ${result.status ?? result.signal})`;
    if (result.status !== 0) stop(`\`${command.join(' ')}\` ${why}`, [command.join(' ').replace('sudo -n ', 'sudo ')]);
  }
  const stillMissing = missingTools();
  if (stillMissing.length) stop(`${stillMissing.join(', ')} still missing after installing`, []);
}
process.stdout.write('npm test: redis-server, Chromium and openssl found\n');
