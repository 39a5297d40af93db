import type { ConnectionState } from '../realtime/use-realtime';

const words: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
};

const explanations: Record<ConnectionState, string> = {
  connecting: 'Connecting to live updates',
  open: 'Live updates are on',
  reconnecting: 'Live updates paused, reconnecting',
};

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <span
      className={`connection connection-${state}`}
      data-testid="connection-status"
      data-state={state}
      role="status"
      title={explanations[state]}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{words[state]}</span>
      <span className="visually-hidden">{state === 'open' ? '' : ` ${explanations[state]}`}</span>
    </span>
  );
}
