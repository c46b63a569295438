import { Tooltip } from 'radix-ui';
import { Workspace } from './Workspace';

/**
 * The workspace as its own chunk, loaded once a connection is up: the connect
 * screen never downloads the key browser, the explorer, Prism's code pane, the
 * virtual lists or the tooltips' positioning (floating-ui) — only the
 * workspace shows tooltips, so their provider comes with it.
 */
export default function WorkspaceChunk() {
  return (
    <Tooltip.Provider delayDuration={300}>
      <Workspace />
    </Tooltip.Provider>
  );
}
