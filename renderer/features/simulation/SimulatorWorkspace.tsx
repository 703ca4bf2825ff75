/** Simulator workspace: datasets, replay runs and the evidence overlay (filled in progressively). */
export function SimulatorWorkspace() {
  return (
    <section className="simulator" data-testid="simulator">
      <h2>Simulator</h2>
    </section>
  );
}
