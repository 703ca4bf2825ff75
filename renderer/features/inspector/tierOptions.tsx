/**
 * Tier choices with an icon and a word each (the same bolt / pencil / person the canvas uses) (tiers must read without colour): auto = bolt
 * (the agent acts), suggest = pencil (the agent drafts), human = person (a human decides).
 */
import type { ReactElement } from 'react';
import type { Rollout, Tier } from '../../../shared/model/types';
import type { Option } from './fields';

const svg = {
  width: 14,
  height: 14,
  viewBox: '0 0 16 16',
  'aria-hidden': true,
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export function TierIcon({ tier }: { tier: Tier }) {
  if (tier === 'auto')
    return (
      <svg {...svg}>
        <path d="M9 1.5 3.5 9H8l-1 5.5L12.5 7H8z" />
      </svg>
    );
  if (tier === 'suggest')
    return (
      <svg {...svg}>
        <path d="M10.5 2.5l3 3-8 8H2.5v-3z" />
        <path d="M9 4l3 3" />
      </svg>
    );
  return (
    <svg {...svg}>
      <circle cx="8" cy="5" r="2.6" />
      <path d="M3 14c.6-2.8 2.6-4.2 5-4.2s4.4 1.4 5 4.2" />
    </svg>
  );
}

export const TIER_TEXT: Record<Tier, { label: string; title: string }> = {
  auto: { label: 'Auto', title: 'Auto: the agent executes; humans are notified' },
  suggest: { label: 'Suggest', title: 'Suggest: the agent drafts; a human approves, edits or rejects' },
  human: { label: 'Human', title: 'Human: a human decides; the agent only observes' },
};

/** Options for a Segmented tier control, most autonomous first. */
export const TIER_OPTIONS: Array<Option<Tier> & { icon: ReactElement; title: string }> = (
  ['auto', 'suggest', 'human'] as const
).map((t) => ({
  value: t,
  label: TIER_TEXT[t].label,
  title: TIER_TEXT[t].title,
  icon: <TierIcon tier={t} />,
}));

export const ROLLOUT_OPTIONS: Array<Option<Rollout> & { title: string }> = [
  { value: 'observe', label: 'Observe', title: 'Observe: every step is human; the agent only shadows' },
  { value: 'assist', label: 'Assist', title: 'Assist: auto branches become suggest' },
  { value: 'autonomy', label: 'Autonomy', title: 'Autonomy: branches run as marked' },
];
