/** Bottom-tab JSON view of the whole document. */
export function CodeView() {
  return <div className="code-view" />;
}
