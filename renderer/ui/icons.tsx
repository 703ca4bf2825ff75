/**
 * Inline SVG icons. Emoji are not used for meaning: many Linux machines (and headless Chromium)
 * have no colour-emoji font, and a tier must stay readable everywhere.
 */
import type { Tier } from '../../shared/model/types';

const common = {
  width: 12,
  height: 12,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
};

function BoltIcon() {
  return (
    <svg {...common}>
      <path d="M9 1.5 3.5 9h4l-1 5.5L12.5 7h-4z" fill="currentColor" stroke="none" />
    </svg>
  );
}

function PencilIcon() {
  return (
    <svg {...common}>
      <path d="M10.5 2.5l3 3L6 13H3v-3z" />
      <path d="M9 4l3 3" />
    </svg>
  );
}

function PersonIcon() {
  return (
    <svg {...common}>
      <circle cx="8" cy="5" r="2.6" fill="currentColor" stroke="none" />
      <path d="M3 14c.4-3 2.4-4.6 5-4.6s4.6 1.6 5 4.6" fill="currentColor" stroke="none" />
    </svg>
  );
}

/** The tier's icon: bolt (auto), pencil (suggest), person (human). */
export function TierIcon({ tier }: { tier: Tier }) {
  return tier === 'auto' ? <BoltIcon /> : tier === 'suggest' ? <PencilIcon /> : <PersonIcon />;
}

/** A plug pulled out: disconnect from the service (operate tab bar at narrow widths). */
export function UnplugIcon() {
  return (
    <svg {...common}>
      <path d="M6 2v3M10 2v3M4.5 5h7v2.5a3.5 3.5 0 0 1-7 0zM8 11v3" />
    </svg>
  );
}
