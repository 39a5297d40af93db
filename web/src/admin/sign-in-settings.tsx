import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { ErrorMessage } from '../ui/error-message';
import { QueryState } from '../ui/states';

/** The admin setting that makes admins and managers use a second factor. */
export function SignInSettings() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: queryKeys.authSettings, queryFn: authApi.settings });
  const save = useMutation({
    mutationFn: (requireTwoFactorForPrivileged: boolean) => authApi.updateSettings({ requireTwoFactorForPrivileged }),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.authSettings, saved),
  });
  return (
    <section className="card" aria-labelledby="sign-in-settings-title">
      <h2 id="sign-in-settings-title">Sign-in security</h2>
      <QueryState isPending={settings.isPending} error={settings.error} />
      {settings.data ? (
        <label className="inline-choice">
          <input
            type="checkbox"
            // Shows the choice at once while it is saved; a refused save (no key set) puts it back.
            checked={save.isPending ? save.variables : settings.data.requireTwoFactorForPrivileged}
            disabled={save.isPending}
            onChange={(event) => save.mutate(event.target.checked)}
          />{' '}
          Require two-factor sign-in for admins and managers
        </label>
      ) : null}
      <p className="muted small">
        Those who have not set it up are asked to at their next sign-in, and can do nothing else until they have.
      </p>
      <ErrorMessage error={save.error} />
    </section>
  );
}
