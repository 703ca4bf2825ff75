/**
 * The shortcut sheet (`?`, the Help button, Help ▸ Keyboard shortcuts): every key of the one
 * command table, by group, so the sheet can never list a key the app does not bind or miss one
 * it does (the table is also what the key handler and the Electron menu read).
 */
import { COMMAND_TABLE, type CommandSpec } from '../../shared/commands/commandTable';
import { Dialog } from '../ui/Dialog';
import { formatShortcut } from '../ui/formatShortcut';

const GROUP_ORDER: ReadonlyArray<CommandSpec['group']> = ['File', 'Edit', 'View', 'Graph', 'Operate', 'Help'];

/** Table rows with keys, grouped in menu order (exported for the test). */
function shortcutGroups(): Array<{ group: string; rows: Array<{ label: string; keys: string[] }> }> {
  const specs: CommandSpec[] = Object.values(COMMAND_TABLE);
  return GROUP_ORDER.map((group) => ({
    group,
    rows: specs
      .filter((s) => s.group === group && s.shortcuts?.length)
      .map((s) => ({ label: s.label.replace(/…$/, ''), keys: (s.shortcuts ?? []).map((k) => formatShortcut(k)) })),
  })).filter((g) => g.rows.length > 0);
}

/** Also the browser build's Help: the welcome (and its samples) is reachable from here again. */
export function ShortcutSheet({ open, onClose, onWelcome }: { open: boolean; onClose(): void; onWelcome(): void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      label="Keyboard shortcuts"
      className="dialog--shortcuts"
      testId="shortcut-sheet"
    >
      <h2>Keyboard shortcuts</h2>
      <p className="dialog__lead">Single keys (N, A, E, R, J, K) work when no text field has the focus.</p>
      <div className="shortcut-groups">
        {shortcutGroups().map((g) => (
          <section key={g.group} className="shortcut-group">
            <h3>{g.group}</h3>
            <table>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.label} data-testid="shortcut-row">
                    <td>{r.label}</td>
                    <td className="shortcut-keys">
                      {r.keys.map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <div className="dialog__actions">
        <button type="button" onClick={onWelcome} data-testid="help-welcome">
          Welcome and samples…
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
