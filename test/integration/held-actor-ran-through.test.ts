import { describe, expect, it } from 'vitest';
import type { StepResult } from '../../shared/model';
import { coreOnTestRedis } from '../helpers/core-harness';

describe('a step that holds an actor at its race window, when the actor never gets there', () => {
  const h = coreOnTestRedis('rt:');

  it('finishes and says the worker ran through, instead of waiting forever for it (someone emptied the pending set)', async () => {
    await h.call('session.open', { patternId: 'write-behind-lost-update', params: { first: 7, second: 3, dbLatencyMs: 0 } });
    expect(await h.call<StepResult>('session.step')).toMatchObject({ outcome: 'write' });
    // Someone else removes the pending set between the steps.
    await h.admin.del('rt:pending_writes');
    const step = await Promise.race([h.call<StepResult>('session.step'), new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5000))]);
    expect(step).not.toBe('hung');
    const result = step as StepResult;
    expect(result).toMatchObject({ outcome: 'info', narrative: { id: 'engine.ranThrough', values: { actor: { id: 'ui.actor.worker' } } } });
    // What the worker did is in the trace as the server answered it: SMEMBERS, empty; no GET was sent.
    const commands = result.trace.flatMap((e) => (e.kind === 'redis' ? [`${e.command} ${e.reply}`] : []));
    expect(commands).toEqual(['SMEMBERS (empty array)']);
    // The run goes on: the next steps run, and the "resume" step hands back the flush's result.
    expect(await h.call<StepResult>('session.step')).toMatchObject({ stepIndex: 2 });
    // The step that would resume the held flush says there is nothing to resume, and sends nothing (found by the re-test:
    // it told of "the DEL" beside an empty trace).
    const resumed = await h.call<StepResult>('session.step');
    expect(resumed).toMatchObject({ stepIndex: 3, outcome: 'info', narrative: { id: 'engine.nothingHeld' } });
    expect(resumed.trace.filter((e) => e.kind === 'redis')).toEqual([]);
  });
});
