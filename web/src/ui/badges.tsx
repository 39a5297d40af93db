import { capitalize } from '../format/labels';

export function TierBadge({ tier }: { tier: string }) {
  if (tier === 'standard') return <span className="badge badge-tier-standard">Standard</span>;
  return <span className={`badge badge-tier-${tier}`}>{tier === 'vip' ? 'VIP' : capitalize(tier)}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-status-${status}`}>{capitalize(status)}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  return <span className={`badge badge-priority-${priority}`}>{capitalize(priority)}</span>;
}

export function CustomerStatusBadge({ status }: { status: string }) {
  const words: Record<string, string> = { active: 'Active', watch: 'On watch', ended: 'Relationship ended' };
  return <span className={`badge badge-customer-${status}`}>{words[status] ?? status}</span>;
}
