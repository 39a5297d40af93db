import type { ConversationStatus, MessageKind, Priority } from './conversation.ts';

export interface WaitingState {
  status: ConversationStatus;
  waitingSince: string | null;
}

/**
 * How a new timeline entry changes who is waiting: a customer message starts (or continues) the
 * customer's wait and wakes a pending case; an agent reply ends the wait; notes and system
 * events change nothing the customer sees.
 */
export function afterMessage(state: WaitingState, kind: MessageKind, at: string): WaitingState {
  if (kind === 'customer') {
    return { status: state.status === 'pending' ? 'open' : state.status, waitingSince: state.waitingSince ?? at };
  }
  if (kind === 'agent') return { status: state.status, waitingSince: null };
  return state;
}

/** A resolved or closed case no longer keeps a customer waiting. */
export function afterStatusChange(state: WaitingState, status: ConversationStatus): WaitingState {
  return { status, waitingSince: status === 'resolved' || status === 'closed' ? null : state.waitingSince };
}

export interface ConversationChange {
  status?: { from: ConversationStatus; to: ConversationStatus };
  priority?: { from: Priority; to: Priority };
  assignee?: { from: string | null; to: string | null };
  subject?: { from: string; to: string };
}

/** The words of the system events a change leaves in the timeline. */
export function describeChange(change: ConversationChange, actorName: string): string[] {
  const lines: string[] = [];
  if (change.status) lines.push(`${actorName} changed the status from ${change.status.from} to ${change.status.to}.`);
  if (change.priority) lines.push(`${actorName} changed the priority from ${change.priority.from} to ${change.priority.to}.`);
  if (change.assignee) {
    lines.push(
      change.assignee.to === null
        ? `${actorName} unassigned ${change.assignee.from ?? 'the conversation'}.`
        : `${actorName} assigned the conversation to ${change.assignee.to}.`,
    );
  }
  if (change.subject) lines.push(`${actorName} renamed the conversation to “${change.subject.to}”.`);
  return lines;
}
