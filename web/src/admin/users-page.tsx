import { useUsers } from '../api/use-users';
import { useCurrentUser } from '../auth/session';
import { usePageTitle } from '../shell/use-page-title';
import { QueryState } from '../ui/states';
import { InviteUserForm } from './invite-user-form';
import { SignInSettings } from './sign-in-settings';
import { UserRow } from './user-row';

export function UsersPage() {
  usePageTitle('Users');
  const users = useUsers();
  const me = useCurrentUser();
  return (
    <section className="page" aria-labelledby="users-title">
      <div className="page-header">
        <h1 id="users-title">Users</h1>
      </div>
      <QueryState isPending={users.isPending} error={users.error} />
      {users.data ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">People who can sign in</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Approval limit</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <UserRow key={user.id} user={user} isMe={user.id === me.id} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <InviteUserForm />
      <SignInSettings />
    </section>
  );
}
