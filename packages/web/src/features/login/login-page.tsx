import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { useSession } from '../../app/session';

/**
 * The login form. Shown whenever there is no session (first visit, expiry, any 401), in place of the view the user
 * asked for, which appears again once they are logged in.
 */
export const LoginPage = ({ hasExpired = false }: { hasExpired?: boolean }) => {
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'invalid-credentials')
        setError('The user name or password is wrong.');
      else if (cause instanceof ApiError && cause.code === 'rate-limited')
        setError(`Too many attempts. ${cause.message}`);
      else setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form
        className="login-card"
        onSubmit={(event) => void handleSubmit(event)}
        aria-labelledby="login-title"
      >
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">Z</span> Zonewise
        </div>
        <h1 id="login-title">Log in</h1>
        <p className="muted">IEC 62443-3-2 risk assessment workbench</p>
        {hasExpired ? (
          <p className="notice notice-info" role="status">
            Your session has ended. Log in again to continue where you were.
          </p>
        ) : null}
        <label className="field">
          <span>User name</span>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {error === undefined ? null : (
          <p role="alert" className="notice notice-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={isBusy}>
          {isBusy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
};
