import { describe, expect, it } from 'vitest';
import { dispatchMenuCommand, onMenuCommand } from '../../renderer/src/api/menu-commands';
import type { MenuCommand } from '../../shared/menu-commands';

describe('menu commands in the renderer', () => {
  it('reach only the components subscribed at that moment', () => {
    const steps: MenuCommand[] = [];
    const views: MenuCommand[] = [];
    const offSteps = onMenuCommand((c) => steps.push(c));
    const offViews = onMenuCommand((c) => views.push(c));
    dispatchMenuCommand({ command: 'step' });
    offSteps();
    // The step controls left the screen: a later Step reaches nobody who would act on it.
    dispatchMenuCommand({ command: 'step' });
    offViews();
    dispatchMenuCommand({ command: 'show-view', view: 'browser' });
    expect(steps).toEqual([{ command: 'step' }]);
    expect(views).toEqual([{ command: 'step' }, { command: 'step' }]);
  });

  it('a listener that unsubscribes while handling does not stop the others', () => {
    const seen: string[] = [];
    const offFirst = onMenuCommand(() => {
      seen.push('first');
      offFirst();
    });
    const offSecond = onMenuCommand(() => seen.push('second'));
    dispatchMenuCommand({ command: 'reset' });
    dispatchMenuCommand({ command: 'reset' });
    offSecond();
    expect(seen).toEqual(['first', 'second', 'second']);
  });
});
