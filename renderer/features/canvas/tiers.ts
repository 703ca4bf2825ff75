/**
 * How tiers look: colour + icon + word, so a branch's tier reads without colour alone.
 */
import type { Tier } from '../../../shared/model/types';

export interface TierLook {
  tier: Tier;
  /** Text glyph for plain-text places (menus); the canvas draws ui/icons TierIcon. */
  icon: string;
  label: string;
  title: string;
}

export const TIER_LOOK: Record<Tier, TierLook> = {
  auto: { tier: 'auto', icon: '⚡', label: 'auto', title: 'Agent executes; humans are notified' },
  suggest: { tier: 'suggest', icon: '✎', label: 'suggest', title: 'Agent drafts; a human approves, edits or rejects' },
  human: { tier: 'human', icon: '●', label: 'human', title: 'A human decides; the agent only observes' },
};

/** Tiers in the order a picker shows them (most autonomous first). */
export const TIER_CHOICES: Tier[] = ['auto', 'suggest', 'human'];
