/**
 * The approval queue: `suggest` steps wait here for a named role to approve, edit or reject the
 * agent's draft; `human` steps wait for a human to choose the branch. The runner owns the
 * decisions (it executes them); the queue only stores items, so it can be swapped for a durable one.
 */
import type { Tier } from '../model/types';
import type { AuditReason } from './audit';

export interface BranchOption {
  /** flattenMachine transition id. */
  transitionId: string;
  event: string | null;
  target: string;
  activity: string;
}

export interface ApprovalItem {
  id: string;
  kind: 'suggest' | 'human';
  caseId: string;
  state: string;
  goal: string;
  /** The agent's draft (suggest items): the branch, and the tool call it would make. */
  proposal: { transitionId: string; target: string; tool: string | null; params: unknown } | null;
  /** The branches a human may choose. */
  options: BranchOption[];
  tier: Tier;
  reasons: AuditReason[];
  /** Roles allowed to decide (state owner, else the agent's owner); empty: any named role. */
  roles: string[];
  createdAt: number;
  status: 'pending' | 'approved' | 'edited' | 'rejected' | 'decided';
  decidedBy?: string;
}

export interface ApprovalQueue {
  add(item: ApprovalItem): void | Promise<void>;
  update(item: ApprovalItem): void | Promise<void>;
  get(id: string): ApprovalItem | undefined;
  pending(): ApprovalItem[];
}

export function memoryApprovalQueue(): ApprovalQueue & { all(): ApprovalItem[] } {
  const items = new Map<string, ApprovalItem>();
  return {
    add: (item) => void items.set(item.id, item),
    update: (item) => void items.set(item.id, item),
    get: (id) => items.get(id),
    pending: () => [...items.values()].filter((i) => i.status === 'pending'),
    all: () => [...items.values()],
  };
}

/** Who decides: a role and a person. The role must be one the item allows. */
export interface Decider {
  role: string;
  by: string;
}

export class ApprovalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApprovalError';
  }
}

export function checkDecider(item: ApprovalItem | undefined, id: string, who: Decider): ApprovalItem {
  if (!item) throw new ApprovalError(`no approval item "${id}"`);
  if (item.status !== 'pending') throw new ApprovalError(`item ${id} is already ${item.status}`);
  if (!who || typeof who.role !== 'string' || !who.role.trim() || typeof who.by !== 'string' || !who.by.trim()) {
    throw new ApprovalError(`item ${id}: a decision needs a named role and person`);
  }
  if (item.roles.length > 0 && !item.roles.includes(who.role)) {
    throw new ApprovalError(`item ${id}: role "${who.role}" may not decide here (allowed: ${item.roles.join(', ')})`);
  }
  return item;
}

/** A suggest item with its draft (approve / edit act on the draft). */
export function checkSuggestion(
  item: ApprovalItem,
): ApprovalItem & { proposal: NonNullable<ApprovalItem['proposal']> } {
  if (item.kind !== 'suggest' || !item.proposal) throw new ApprovalError(`item ${item.id} is a hand-off: use decide()`);
  return item as ApprovalItem & { proposal: NonNullable<ApprovalItem['proposal']> };
}

/** The branch a human names must be one the item offers. */
export function checkBranch(item: ApprovalItem, transitionId: string): string {
  if (!item.options.some((o) => o.transitionId === transitionId))
    throw new ApprovalError(`item ${item.id}: "${transitionId}" is not a branch of ${item.state}`);
  return transitionId;
}
