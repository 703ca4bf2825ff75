/**
 * Small form primitives shared by the inspector and the schema editors. Plain inputs update the
 * document on every change (the caller coalesces); `CommitInput` holds a draft and commits on
 * Enter or blur, for values whose change moves things (state keys, event names, field names).
 */
import { useId, useState, type ReactNode } from 'react';

/** A labelled row. `hint` explains the field in one line under it. */
export function Field({
  label,
  hint,
  children,
  htmlFor,
}: {
  label: string;
  hint?: ReactNode;
  children: ReactNode;
  htmlFor?: string;
}) {
  return (
    <div className="insp-field">
      <label className="insp-field__label" htmlFor={htmlFor}>
        {label}
      </label>
      <div className="insp-field__control">{children}</div>
      {hint ? <div className="insp-field__hint">{hint}</div> : null}
    </div>
  );
}

/** A titled group of fields. */
export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="insp-section">
      <header className="insp-section__header">
        <h3 className="insp-section__title">{title}</h3>
        {actions ? <div className="insp-section__actions">{actions}</div> : null}
      </header>
      <div className="insp-section__body">{children}</div>
    </section>
  );
}

/** Text input bound to the document: every keystroke is an (coalesced) edit. */
export function TextInput(props: {
  id?: string;
  value: string;
  onChange(v: string): void;
  placeholder?: string;
  label?: string;
  testId?: string;
}) {
  return (
    <input
      id={props.id}
      className="insp-input"
      value={props.value}
      placeholder={props.placeholder}
      aria-label={props.label}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

/** Multi-line text bound to the document. */
export function TextArea(props: {
  id?: string;
  value: string;
  onChange(v: string): void;
  placeholder?: string;
  label?: string;
  rows?: number;
}) {
  return (
    <textarea
      id={props.id}
      className="insp-input insp-textarea"
      value={props.value}
      rows={props.rows ?? 3}
      placeholder={props.placeholder}
      aria-label={props.label}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

/**
 * Draft input that commits on Enter or blur; Escape reverts. `commit` returns an error message
 * to keep the draft and show why, or null when accepted.
 */
export function CommitInput(props: {
  id?: string;
  value: string;
  commit(v: string): string | null;
  placeholder?: string;
  label?: string;
  testId?: string;
  mono?: boolean;
}) {
  const [draft, setDraft] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  const [draftOf, setDraftOf] = useState(props.value);
  if (props.value !== draftOf) {
    setDraftOf(props.value);
    setDraft(props.value);
    setError(null);
  }
  const apply = () => {
    if (draft === props.value) return setError(null);
    setError(props.commit(draft));
  };
  return (
    <>
      <input
        id={props.id}
        className={`insp-input${props.mono ? ' insp-input--mono' : ''}${error ? ' insp-input--invalid' : ''}`}
        value={draft}
        placeholder={props.placeholder}
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        data-testid={props.testId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
          if (e.key === 'Escape') {
            setDraft(props.value);
            setError(null);
          }
        }}
      />
      {error ? (
        <div className="insp-field__error" role="alert">
          {error}
        </div>
      ) : null}
    </>
  );
}

export interface Option<T extends string> {
  value: T;
  label: string;
}

/** Native select (keyboard-friendly, accessible). `''` stands for "none". */
export function Select<T extends string>(props: {
  id?: string;
  value: T | '';
  options: Option<T>[];
  onChange(v: T | ''): void;
  none?: string;
  label?: string;
  testId?: string;
}) {
  return (
    <select
      id={props.id}
      className="insp-input insp-select"
      value={props.value}
      aria-label={props.label}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value as T | '')}
    >
      {props.none !== undefined ? <option value="">{props.none}</option> : null}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A segmented control (radio group): icon + text per option, never colour alone. */
export function Segmented<T extends string>(props: {
  value: T | undefined;
  options: Array<Option<T> & { icon?: ReactNode; title?: string }>;
  onChange(v: T): void;
  label: string;
  testId?: string;
  className?: string;
}) {
  const name = useId();
  return (
    <div
      className={`insp-segmented ${props.className ?? ''}`}
      role="radiogroup"
      aria-label={props.label}
      data-testid={props.testId}
    >
      {props.options.map((o) => {
        const checked = props.value === o.value;
        return (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={checked}
            name={name}
            title={o.title}
            data-value={o.value}
            className={`insp-segmented__option${checked ? ' is-checked' : ''}`}
            onClick={() => props.onChange(o.value)}
          >
            {o.icon}
            <span>{o.label}</span>
          </button>
        );
      })}
    </div>
  );
}

/** Toggle chips for choosing several names from a list (agent reads, agent tools). */
export function ChipSelect(props: {
  options: string[];
  value: string[];
  onChange(v: string[]): void;
  label: string;
  empty: string;
}) {
  if (props.options.length === 0) return <div className="insp-field__hint">{props.empty}</div>;
  const chosen = new Set(props.value);
  return (
    <div className="insp-chips" role="group" aria-label={props.label}>
      {props.options.map((o) => (
        <button
          key={o}
          type="button"
          aria-pressed={chosen.has(o)}
          className={`insp-chip${chosen.has(o) ? ' is-on' : ''}`}
          onClick={() =>
            props.onChange(
              chosen.has(o)
                ? props.value.filter((v) => v !== o)
                : props.options.filter((x) => x === o || chosen.has(x)),
            )
          }
        >
          {o}
        </button>
      ))}
    </div>
  );
}

/** Number input; empty clears the value (undefined). */
export function NumberInput(props: {
  value: number | undefined;
  onChange(v: number | undefined): void;
  label: string;
  min?: number;
  step?: number;
}) {
  return (
    <input
      className="insp-input insp-input--number"
      type="number"
      aria-label={props.label}
      min={props.min ?? 0}
      step={props.step ?? 1}
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
    />
  );
}
