/**
 * confirmAction() instead of window.confirm(): the same question in the app's own modal (styled,
 * Esc = cancel, focus on the safe choice), answered through a promise.
 */
import { useSyncExternalStore } from 'react';
import { Dialog } from './Dialog';

export interface ConfirmRequest {
  title: string;
  message: string;
  /** Label of the button that goes ahead, e.g. "Delete". */
  confirmLabel: string;
  danger?: boolean;
}

let pending: (ConfirmRequest & { answer(ok: boolean): void }) | null = null;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

/** Ask; resolves true when the person confirms, false on Cancel, Esc or a click outside. */
export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  pending?.answer(false);
  return new Promise<boolean>((resolve) => {
    pending = {
      ...request,
      answer: (ok) => {
        pending = null;
        changed();
        resolve(ok);
      },
    };
    changed();
  });
}

/** Mounted once by the shell: shows the pending question, if any. */
export function ConfirmHost() {
  const request = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pending,
  );
  return (
    <Dialog
      open={request !== null}
      onClose={() => request?.answer(false)}
      label={request?.title ?? 'Confirm'}
      className="dialog--confirm"
      testId="confirm-dialog"
    >
      {request ? (
        <>
          <h2>{request.title}</h2>
          <p className="muted">{request.message}</p>
          <div className="dialog__actions">
            <span className="topbar__spacer" />
            <button autoFocus data-testid="confirm-cancel" onClick={() => request.answer(false)}>
              Cancel
            </button>
            <button
              className={request.danger ? 'danger-solid' : 'primary-button'}
              data-testid="confirm-ok"
              onClick={() => request.answer(true)}
            >
              {request.confirmLabel}
            </button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
