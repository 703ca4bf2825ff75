/** The model agent's settings: endpoint, model, key (this session only), limits. */
import { modelUrlProblem } from './agentSpecs';
import { useModelSettings } from './modelSettingsStore';

const num = (v: string): number | null => (v.trim() === '' ? null : Math.max(0, Math.round(Number(v)) || 0));

export function ModelAgentSettings() {
  const { enabled, settings: s, apiKey, setEnabled, update, setApiKey } = useModelSettings();
  const problem = enabled ? modelUrlProblem(s.baseUrl) : '';
  return (
    <fieldset className="sim-fieldset" data-testid="agents-model">
      <legend>
        <label>
          <input
            type="checkbox"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
            data-testid="agents-model-on"
          />{' '}
          model agent (OpenAI-compatible chat completions)
        </label>
      </legend>
      {enabled && (
        <>
          <div className="sim-controls">
            <label className="sim-grow">
              base URL
              <input
                type="url"
                value={s.baseUrl}
                onChange={(e) => update({ baseUrl: e.target.value.trim() })}
                data-testid="agents-model-url"
                spellCheck={false}
              />
            </label>
            <label>
              model
              <input
                type="text"
                value={s.model}
                onChange={(e) => update({ model: e.target.value.trim() })}
                data-testid="agents-model-name"
                spellCheck={false}
              />
            </label>
            <label>
              API key (this session only)
              <input
                type="password"
                value={apiKey}
                onChange={(e) => setApiKey(e.target.value)}
                autoComplete="off"
                data-testid="agents-model-key"
              />
            </label>
          </div>
          <div className="sim-controls">
            <label>
              min. confidence
              <input
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={s.threshold}
                onChange={(e) => update({ threshold: Math.min(1, Math.max(0, Number(e.target.value) || 0)) })}
                data-testid="agents-model-threshold"
              />
            </label>
            <label>
              concurrency
              <input
                type="number"
                min={1}
                max={32}
                step={1}
                value={s.concurrency}
                onChange={(e) => update({ concurrency: Math.min(32, Math.max(1, num(e.target.value) ?? 1)) })}
                data-testid="agents-model-concurrency"
              />
            </label>
            <label>
              max. calls
              <input
                type="number"
                min={0}
                step={10}
                value={s.maxCalls ?? ''}
                placeholder="no limit"
                onChange={(e) => update({ maxCalls: num(e.target.value) })}
                data-testid="agents-model-max-calls"
              />
            </label>
            <label>
              max. tokens
              <input
                type="number"
                min={0}
                step={1000}
                value={s.maxTokens ?? ''}
                placeholder="no limit"
                onChange={(e) => update({ maxTokens: num(e.target.value) })}
                data-testid="agents-model-max-tokens"
              />
            </label>
          </div>
          <span className="sim-muted">
            Answers are cached in this browser by request, so a rerun is free and gives the same figures. The key is
            sent only in the Authorization header and forgotten on reload.
          </span>
          {problem && (
            <div className="sim-error" data-testid="agents-model-problem">
              {problem}
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}
