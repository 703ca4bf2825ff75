/**
 * First-run welcome: what SOP Studio is for, the three steps, and "Open a sample" that opens a
 * sample graph with its recorded log already imported (sampleData.ts). It shows on a fresh
 * profile until dismissed (a reload before that shows it again) and from Help at any time.
 */
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { firstRunProject } from './projects';
import { openSampleWithData, SAMPLES_WITH_DATA, type SampleWithData } from './sampleData';

const WELCOME_KEY = 'sop-studio:welcome';

function readWelcome(): string | null {
  try {
    return localStorage.getItem(WELCOME_KEY);
  } catch {
    return null;
  }
}

function writeWelcome(value: 'pending' | 'dismissed'): void {
  try {
    localStorage.setItem(WELCOME_KEY, value);
  } catch {
    /* storage unavailable: the welcome then shows on each fresh start only */
  }
}

/** Whether the welcome opens at start: a fresh profile, or one that never dismissed it. */
export function welcomeAtStart(): boolean {
  const stored = readWelcome();
  if (stored === 'dismissed') return false;
  if (stored === 'pending') return true;
  if (firstRunProject() === null) return false;
  writeWelcome('pending');
  return true;
}

const STEPS: ReadonlyArray<{ title: string; text: string }> = [
  {
    title: 'Design',
    text: 'Draw the procedure as states and branches; mark each branch auto, suggest or human, and guard it with CEL over the case fields.',
  },
  {
    title: 'Simulate',
    text: 'Replay recorded cases through the graph: override and automation rates per state, single cases step by step, what-if variants.',
  },
  {
    title: 'Operate',
    text: 'Export the checked graph and run it with approvals, limits, kill switches and an audit trail.',
  },
];

export function Welcome({ open, onClose, onNew }: { open: boolean; onClose(): void; onNew(): void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dismiss = () => {
    if (busy) return;
    writeWelcome('dismissed');
    setError(null);
    onClose();
  };
  const openSample = async (sample: SampleWithData) => {
    setBusy(sample.templateId);
    setError(null);
    try {
      await openSampleWithData(sample);
      writeWelcome('dismissed');
      onClose();
    } catch (e) {
      setError(`Could not open the sample: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Dialog open={open} onClose={dismiss} label="Welcome to SOP Studio" className="dialog--welcome" testId="welcome">
      <h2>Welcome to SOP Studio</h2>
      <p className="dialog__lead">
        Turn a standard operating procedure into a process graph that AI agents can follow safely — and measure, on the
        cases you already have, how much of it they could run.
      </p>
      <ol className="welcome-steps">
        {STEPS.map((s) => (
          <li key={s.title}>
            <strong>{s.title}</strong>
            <span>{s.text}</span>
          </li>
        ))}
      </ol>
      <h3 className="welcome-samples__title">Open a sample</h3>
      <div className="welcome-samples">
        {SAMPLES_WITH_DATA.map((s) => (
          <button
            key={s.templateId}
            type="button"
            className="welcome-sample"
            disabled={busy !== null}
            onClick={() => void openSample(s)}
            data-testid={`welcome-sample-${s.templateId}`}
          >
            <strong>{s.title}</strong>
            <span>{busy === s.templateId ? `Importing ${s.fileName}…` : s.blurb}</span>
            <span className="welcome-sample__data">graph + {s.fileName}</span>
          </button>
        ))}
      </div>
      {error && (
        <div className="sim-error" role="alert">
          {error}
        </div>
      )}
      <div className="dialog__actions">
        <button
          type="button"
          disabled={busy !== null}
          onClick={() => {
            dismiss();
            onNew();
          }}
        >
          New graph…
        </button>
        <span className="welcome__spacer" />
        <button
          type="button"
          className="primary-button"
          disabled={busy !== null}
          onClick={dismiss}
          data-testid="welcome-close"
        >
          Start designing
        </button>
      </div>
    </Dialog>
  );
}
