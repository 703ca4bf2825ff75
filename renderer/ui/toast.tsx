/** Small transient notifications ("Saved", "Opened refund.sop.json"), bottom-right. */
import { useEffect, useState } from 'react';

export type ToastTone = 'good' | 'warn' | 'bad' | 'neutral';
interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

let next = 1;
const listeners = new Set<(t: Toast) => void>();

/** Show a message for a few seconds. */
export function notify(text: string, tone: ToastTone = 'neutral'): void {
  const toast = { id: next++, text, tone };
  for (const l of listeners) l(toast);
}

export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    const l = (t: Toast) => {
      setToasts((list) => [...list.slice(-3), t]);
      setTimeout(() => setToasts((list) => list.filter((x) => x.id !== t.id)), 4000);
    };
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast tone-${t.tone}`} data-testid="toast">
          {t.text}
        </div>
      ))}
    </div>
  );
}
