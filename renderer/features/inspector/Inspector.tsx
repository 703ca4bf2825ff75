/** Right-pane inspector for the current selection. */
export function Inspector() {
  return <aside className="inspector">Select a state or a transition.</aside>;
}
