import { cleanDisplayName } from './addresses.ts';

/** "Ana from Brightwell", or just the agent's (or the company's) name. */
export function senderName(agentName: string, companyName: string): string {
  const agent = cleanDisplayName(agentName);
  const company = cleanDisplayName(companyName);
  if (agent && company) return `${agent} from ${company}`;
  return agent || company || 'Support';
}

/**
 * Extra headers of our outbound mail. A person wrote an agent reply, so it says `Auto-Submitted: no`
 * (vacation responders may answer it, and we recognise theirs); mail no person wrote says
 * `auto-replied` and asks Exchange not to answer it (RFC 3834), so two robots never talk in a loop.
 */
export function outboundHeaders(conversationNumber: number | null, automatic: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'Auto-Submitted': automatic ? 'auto-replied' : 'no' };
  if (automatic) headers['X-Auto-Response-Suppress'] = 'All';
  if (conversationNumber !== null) headers['X-Defuse-Conversation'] = String(conversationNumber);
  return headers;
}
