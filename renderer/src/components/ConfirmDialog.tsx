import { AlertDialog } from 'radix-ui';
import type { ReactNode } from 'react';

/**
 * A question the app asks before it throws something away: Radix's alert
 * dialog, keeping what you have as the default (Escape or the first button),
 * the destructive answer as the primary one.
 */
export function ConfirmDialog(props: {
  open: boolean;
  onCancel(): void;
  onConfirm(): void;
  title: ReactNode;
  description: ReactNode;
  keepLabel: ReactNode;
  confirmLabel: ReactNode;
  /** Anything the user must see before answering (e.g. the keys that would be deleted). */
  children?: ReactNode;
}) {
  return (
    <AlertDialog.Root open={props.open} onOpenChange={(open) => !open && props.onCancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>{props.title}</AlertDialog.Title>
          <AlertDialog.Description>{props.description}</AlertDialog.Description>
          {props.children}
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button>{props.keepLabel}</button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button className="primary" onClick={props.onConfirm}>
                {props.confirmLabel}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
