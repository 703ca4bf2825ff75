/**
 * The one modal primitive: the native <dialog> element opened with showModal(). The browser then
 * does what a modal must — the page behind is inert (focus cannot leave the dialog, Tab cycles
 * inside it), Esc closes it, focus returns to where it was — with no library and no focus-trap
 * code of our own to get wrong. A click on the dimmed backdrop closes it too.
 */
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  onClose(): void;
  /** Accessible name (shown by screen readers; the visible title is the caller's). */
  label: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Dialog({ open, onClose, label, className, testId, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const d = ref.current;
    if (!open || !d) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    return () => {
      if (d.open) d.close();
      returnTo?.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      aria-label={label}
      className={`dialog nokey${className ? ` ${className}` : ''}`}
      data-testid={testId}
      // Esc: the browser fires `cancel`; the owner decides (and unmounts us)
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current();
      }}
      // the dialog box fills .dialog__body; a press on the dialog element itself is the backdrop
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onCloseRef.current();
      }}
    >
      <div className="dialog__body">{children}</div>
    </dialog>
  );
}
