import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { formatDateTime } from '../format/time';
import { ErrorMessage } from '../ui/error-message';
import { QueryState } from '../ui/states';

/** A user agent string, shortened to the browser and system people recognise. */
function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

export function OwnSessions() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: queryKeys.ownSessions, queryFn: authApi.sessions, select: (data) => data.items });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.ownSessions });
  const endOne = useMutation({ mutationFn: (id: string) => authApi.endSession(id), onSettled: refresh });
  const endOthers = useMutation({ mutationFn: () => authApi.endOtherSessions(), onSettled: refresh });
  const others = sessions.data?.filter((session) => !session.current).length ?? 0;

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <ErrorMessage error={endOne.error ?? endOthers.error} />
      <QueryState isPending={sessions.isPending} error={sessions.error} />
      {sessions.data ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Your sessions</caption>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((session) => (
                <tr key={session.id} data-testid="own-session">
                  <th scope="row">
                    {describeDevice(session.userAgent)}
                    {session.current ? (
                      <>
                        {' '}
                        <span className="badge badge-role">This device</span>
                      </>
                    ) : null}
                  </th>
                  <td>{session.ip ?? '—'}</td>
                  <td>{formatDateTime(session.createdAt)}</td>
                  <td>{formatDateTime(session.lastSeenAt)}</td>
                  <td>
                    {session.current ? null : (
                      <button
                        type="button"
                        className="button-danger-quiet"
                        disabled={endOne.isPending}
                        onClick={() => endOne.mutate(session.id)}
                        aria-label={`Sign out ${describeDevice(session.userAgent)} from ${formatDateTime(session.createdAt)}`}
                      >
                        Sign out
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <button type="button" disabled={others === 0 || endOthers.isPending} onClick={() => endOthers.mutate()}>
        Sign out everywhere else
      </button>
      {endOthers.data ? (
        <p className="success" role="status">
          {endOthers.data.ended === 1
            ? 'One other session was signed out.'
            : `${endOthers.data.ended} other sessions were signed out.`}
        </p>
      ) : null}
    </section>
  );
}
