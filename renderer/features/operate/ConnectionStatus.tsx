/** The status bar's connection item: the service, who the token is, and whether the live stream is up. */
import { useOperate } from './operateStore';

export function ConnectionStatus() {
  const phase = useOperate((s) => s.phase);
  const principal = useOperate((s) => s.principal);
  const health = useOperate((s) => s.health);
  const live = useOperate((s) => s.live);
  const client = useOperate((s) => s.client);
  if (phase !== 'connected' || !principal || !client)
    return (
      <span className="status-item muted" data-testid="status-connection">
        Not connected
      </span>
    );
  const host = client.baseUrl.replace(/^https?:\/\//, '');
  return (
    <span
      className="status-item"
      data-testid="status-connection"
      title={`${health?.graph ?? ''} v${health?.version ?? '?'} at ${client.baseUrl}`}
    >
      <span className={live === 'live' ? 'dot dot-good' : 'dot dot-warn'} /> {host} · {principal.role} {principal.name}{' '}
      · {live === 'live' ? 'live' : 'reconnecting…'}
    </span>
  );
}
