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
      if (v !== undefined && (typeof v === typeof DEFAULT_MODEL_SETTINGS[k] || v === null)) (out as Record<string, unknown>)[k] = v;
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
