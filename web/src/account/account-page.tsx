import { useSession } from '../auth/session';
import { usePageTitle } from '../shell/use-page-title';
import { ChangePasswordForm } from './change-password-form';
import { OwnSessions } from './own-sessions';
import { TwoFactorCard } from './two-factor-card';

/** My account: password, second factor and where I am signed in. */
export function AccountPage() {
  usePageTitle('My account');
  const { data } = useSession();
  if (!data) return null;
  const enrolling = data.twoFactorEnrolmentRequired === true;
  return (
    <section className="page" aria-labelledby="account-title">
      <div className="page-header">
        <h1 id="account-title">My account</h1>
      </div>
      <p className="muted">
        {data.user.name} · {data.user.email}
      </p>
      {enrolling ? (
        <div className="secret-reveal" role="alert" data-testid="enrolment-required">
          <strong>Set up two-factor sign-in to continue.</strong> Your role must use an authenticator app. Until it is set up,
          this page is all you can open.
        </div>
      ) : null}
      <TwoFactorCard enabled={data.user.twoFactorEnabled} />
      {enrolling ? null : (
        <>
          <ChangePasswordForm />
          <OwnSessions />
        </>
      )}
    </section>
  );
}
