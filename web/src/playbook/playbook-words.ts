import type { PlaybookActor, PlaybookState, PlaybookStep, PlaybookStepId, SuggestionKind } from '../api/types';

export const suggestionTitles: Record<SuggestionKind, string> = {
  escalate: 'Consider escalating',
  'protect-agent': 'Look after yourself',
  'take-it-private': 'Take it private',
  'back-to-listening': 'Go back to listening',
  'de-escalation-credited': 'That worked',
  'look-for-compromise': 'Look for a compromise',
  'involve-manager': 'Involve a manager',
};

/** What accepting a suggestion does, said on its button. */
export const acceptLabels: Record<SuggestionKind, string> = {
  escalate: 'Escalate: move to step 5',
  'protect-agent': 'Got it',
  'take-it-private': 'Got it',
  'back-to-listening': 'Back to step 2',
  'de-escalation-credited': 'Thanks',
  'look-for-compromise': 'Got it',
  'involve-manager': 'Involve a manager: step 5',
};

export type UserNames = ReadonlyMap<string, string>;

function firstName(name: string): string {
  return name.split(' ')[0] ?? name;
}

/** "by the coach, from Ana's reply", "by Ana Popescu", "by the playbook". */
export function byWords(by: PlaybookActor, names: UserNames, currentUserId?: string): string {
  const name = by.userId ? names.get(by.userId) : undefined;
  if (by.kind === 'coach') return name ? `by the coach, from ${firstName(name)}'s reply` : 'by the coach, from a reply';
  if (by.kind === 'playbook') return 'by the playbook';
  if (by.userId && by.userId === currentUserId) return 'by you';
  return name ? `by ${name}` : 'by hand';
}

export function stepTitle(steps: readonly PlaybookStep[], id: PlaybookStepId): string {
  const step = steps.find((each) => each.id === id);
  return step ? `step ${step.number}, ${step.title}` : id;
}

export interface PlaybookEntry {
  id: string;
  at: string;
  kind: 'tick' | 'step';
  text: string;
}

/** Ticks and step changes as small timeline entries, oldest first. */
export function playbookEntries(
  playbook: PlaybookState,
  steps: readonly PlaybookStep[],
  names: UserNames,
  currentUserId?: string,
): PlaybookEntry[] {
  const labels = new Map(steps.flatMap((step) => step.checklist.map((item) => [item.id, item.label] as const)));
  const ticks: PlaybookEntry[] = playbook.ticks.map((tick) => ({
    id: `tick-${tick.itemId}-${tick.at}`,
    at: tick.at,
    kind: 'tick',
    text: `✓ ${labels.get(tick.itemId) ?? tick.itemId} — ${byWords(tick.by, names, currentUserId)}`,
  }));
  const moves: PlaybookEntry[] = playbook.stepHistory.map((change, index) => {
    const step = steps.find((each) => each.id === change.to);
    const who = change.by.kind === 'playbook' ? '' : ` — ${byWords(change.by, names, currentUserId)}`;
    return {
      id: `step-${index}-${change.at}`,
      at: change.at,
      kind: 'step',
      text: `Moved to step ${step?.number ?? '?'}, ${step?.title ?? change.to}${who}. ${change.reason}`,
    };
  });
  // Ticks first on equal times: the tick is what moved the step.
  return [...ticks, ...moves].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === b.kind ? 0 : a.kind === 'tick' ? -1 : 1,
  );
}
