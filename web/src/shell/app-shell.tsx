import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { setCsrfToken } from '../api/client';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { useCurrentUser, useSession } from '../auth/session';
import { roleLabel } from '../format/labels';
import { useAbuseAlerts } from '../realtime/abuse-alerts';
import { useRealtime } from '../realtime/use-realtime';
import { AbuseAlerts } from './abuse-alerts';
import { ConnectionStatus } from './connection-status';

export function AppShell() {
  const user = useCurrentUser();
  const { data: session } = useSession();
  const enrolling = session?.twoFactorEnrolmentRequired === true;
  // A session held back until it enrols a second factor may not open the live connection.
  const connection = useRealtime(!enrolling);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Managers and admins are told live when a customer crosses a line.
  const watchesAbuse = user.role === 'manager' || user.role === 'admin';
  const abuse = useAbuseAlerts(user.id);
  const alertsRef = useRef<HTMLElement>(null);
  const alertCount = watchesAbuse ? abuse.alerts.length : 0;

  const signOut = useMutation({
    mutationFn: () => authApi.logout(),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
      navigate('/login', { replace: true });
    },
  });

  const links = [
    { to: '/inbox', label: 'Inbox' },
    { to: '/customers', label: 'Customers' },
    ...(user.role === 'qa' || user.role === 'admin' ? [{ to: '/library/scripts', label: 'Scripts' }] : []),
    ...(user.role === 'manager' || user.role === 'admin' ? [{ to: '/privacy', label: 'Privacy' }] : []),
    ...(user.role === 'admin'
      ? [
          { to: '/admin/users', label: 'Users' },
          { to: '/admin/tokens', label: 'API tokens' },
          { to: '/admin/audit', label: 'Audit log' },
          { to: '/admin/regional', label: 'Regional guidance' },
          { to: '/admin/channels', label: 'Channels' },
        ]
      : []),
  ];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/inbox" className="brand" aria-label="Defuse, go to inbox">
          Defuse
        </NavLink>
        <nav className="topnav" aria-label="Main">
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to}>{link.label}</NavLink>
              </li>
            ))}
            {alertCount > 0 ? (
              <li>
                <button
                  type="button"
                  className="nav-alerts"
                  data-testid="abuse-alert-count"
                  data-count={alertCount}
                  onClick={() => alertsRef.current?.focus()}
                >
                  Alerts{' '}
                  <span className="nav-count" aria-hidden="true">
                    {alertCount}
                  </span>
                  <span className="visually-hidden">
                    : {alertCount === 1 ? 'one customer crossed a line' : `${alertCount} customers crossed a line`}
                  </span>
                </button>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="topbar-end">
          <ConnectionStatus state={connection} />
          <NavLink to="/account" className="current-user" data-testid="current-user" title="My account">
            <span className="current-user-name">{user.name}</span>
            <span className="badge badge-role">{roleLabel(user.role)}</span>
            <span className="visually-hidden">: my account</span>
          </NavLink>
          <button type="button" className="button-quiet" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
      {watchesAbuse ? (
        <AbuseAlerts ref={alertsRef} alerts={abuse.alerts} onDismiss={abuse.dismiss} onDismissAll={abuse.dismissAll} />
      ) : null}
    </div>
  );
}
