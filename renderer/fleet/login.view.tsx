import { useState, type FormEvent } from 'react';
import type { Me } from '../../app/hub/fleet-api.schema';
import { errorText, fleetApi } from './api/fleet-http';

/** Username and password for the hub; the hub answers with a session cookie. */
export function LoginView({ onLogin }: { onLogin(me: Me): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    fleetApi
      .login(username, password)
      .then(onLogin, (err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(false));
  };
  return (
    <main className="login">
      <form className="panel login-form" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        <h1 id="login-title">Fleet</h1>
        <label className="audit-label">
          Username
          <input className="fleet-input" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required data-testid="login-username" />
        </label>
        <label className="audit-label">
          Password
          <input
            className="fleet-input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            data-testid="login-password"
          />
        </label>
        {error && (
          <div className="command-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="login-submit">
          Sign in
        </button>
      </form>
    </main>
  );
}
