/** Connect to a `sop-studio serve` URL with a token. Nothing is sent before Connect is pressed. */
import { useEffect, useState } from 'react';
import { useOperate } from './operateStore';
import { loadConnection } from './tokenVault';

export function ConnectForm() {
  const phase = useOperate((s) => s.phase);
  const error = useOperate((s) => s.error);
  const connect = useOperate((s) => s.connect);
  const [url, setUrl] = useState('http://127.0.0.1:8787');
  const [token, setToken] = useState('');
  // offer what this session (or the OS keychain, on desktop) kept; reading it sends nothing
  useEffect(() => {
    void loadConnection().then((saved) => {
      if (!saved) return;
      setUrl(saved.url);
      setToken(saved.token);
    });
  }, []);
  return (
    <form
      className="operate-connect"
      data-testid="operate-connect"
      onSubmit={(e) => {
        e.preventDefault();
        void connect(url, token);
      }}
    >
      <h2>Connect to a running service</h2>
      <p className="muted">
        The console talks to <code>sop-studio serve</code>. Its token decides what you may do: viewers see figures,
        approvers decide inbox items of their role, operators flip kill switches, drain and roll back. Nothing is sent
        until you connect.
      </p>
      <label>
        Service URL
        <input
          className="nokey"
          data-testid="operate-url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label>
        Token
        <input
          className="nokey"
          data-testid="operate-token"
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoComplete="off"
        />
      </label>
      {error && (
        <p className="operate-error" role="alert" data-testid="operate-connect-error">
          {error}
        </p>
      )}
      <button
        className="primary-button"
        type="submit"
        data-testid="operate-connect-button"
        disabled={phase === 'connecting' || !token.trim()}
      >
        {phase === 'connecting' ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}
