/**
 * The model agent's settings in the app. Endpoint, model and limits are remembered per browser
 * profile (localStorage); the API key is held in this page's memory ONLY — never localStorage,
 * IndexedDB, a document, an export or a log — so a reload forgets it and it must be typed again.
 */
import { create } from 'zustand';
import { DEFAULT_MODEL_SETTINGS, type ModelSettings } from './agentSpecs';

const STORAGE = 'sop-studio.model-agent';

function load(): ModelSettings {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE);
    const saved = raw ? (JSON.parse(raw) as Partial<ModelSettings>) : {};
    const out = { ...DEFAULT_MODEL_SETTINGS };
    for (const k of Object.keys(DEFAULT_MODEL_SETTINGS) as Array<keyof ModelSettings>) {
      const v = saved[k];
      if (v !== undefined && (typeof v === typeof DEFAULT_MODEL_SETTINGS[k] || v === null))
        (out as Record<string, unknown>)[k] = v;
    }
    return out;
  } catch {
    return { ...DEFAULT_MODEL_SETTINGS };
  }
}

interface ModelSettingsState {
  enabled: boolean;
  settings: ModelSettings;
  apiKey: string;
  setEnabled(on: boolean): void;
  update(patch: Partial<ModelSettings>): void;
  setApiKey(key: string): void;
}

export const useModelSettings = create<ModelSettingsState>()((set, get) => ({
  enabled: false,
  settings: load(),
  apiKey: '',
  setEnabled: (enabled) => set({ enabled }),
  update: (patch) => {
    const settings = { ...get().settings, ...patch };
    set({ settings });
    try {
      localStorage.setItem(STORAGE, JSON.stringify(settings));
    } catch {
      // storage full or disabled: the settings still hold for this session
    }
  },
  setApiKey: (apiKey) => set({ apiKey }),
}));

/**
 * Desktop: the main process lets the app reach the model endpoint's origin only while the model
 * agent is switched on (electron/console/networkAllowance.ts). No-op in the browser build.
 */
function allowModelEndpoint(state: ModelSettingsState): void {
  const desktop = (globalThis as { desktop?: { setModelEndpoint?(req: { url: string | null }): Promise<void> } })
    .desktop;
  if (!desktop?.setModelEndpoint) return;
  let url: string | null = null;
  try {
    url = state.enabled ? new URL(state.settings.baseUrl).origin : null;
  } catch {
    url = null; // not a URL yet: nothing to allow
  }
  void desktop.setModelEndpoint({ url: url === 'null' ? null : url }).catch(() => undefined);
}
useModelSettings.subscribe((state, before) => {
  if (state.enabled !== before.enabled || state.settings.baseUrl !== before.settings.baseUrl) allowModelEndpoint(state);
});
