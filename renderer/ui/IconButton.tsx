/** A toolbar button with an accessible label and its shortcut in the tooltip. */
import { formatShortcut } from './formatShortcut';

export function IconButton(props: {
  label: string;
  icon?: string;
  text?: string;
  shortcut?: string;
  testId?: string;
  disabled?: boolean;
  active?: boolean;
  onClick(): void;
}) {
  const tip = props.shortcut ? `${props.label} (${formatShortcut(props.shortcut)})` : props.label;
  return (
    <button
      type="button"
      className={`icon-button${props.active ? ' is-active' : ''}`}
      aria-label={props.label}
      title={tip}
      data-testid={props.testId}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.icon && (
        <span className="icon-button__icon" aria-hidden>
          {props.icon}
        </span>
      )}
      {props.text && <span className="icon-button__text">{props.text}</span>}
    </button>
  );
}
