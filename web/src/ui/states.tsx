import { ErrorMessage } from './error-message';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted" role="status">
      {label}
    </p>
  );
}

export function QueryState({ isPending, error, empty }: { isPending: boolean; error: unknown; empty?: string | false }) {
  if (isPending) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (empty) return <p className="empty">{empty}</p>;
  return null;
}
