/** The last action's outcome: done, or refused with the service's reason and what would be needed. */
import { useOperate } from './operateStore';

export function OutcomeLine() {
  const outcome = useOperate((s) => s.outcome);
  if (!outcome) return null;
  return (
    <p
      className={`operate-outcome tone-${outcome.tone}`}
      role={outcome.tone === 'bad' ? 'alert' : 'status'}
      data-testid="operate-outcome"
    >
      {outcome.text}
    </p>
  );
}
