import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { TokenRequest } from '../../../app/hub/fleet-api.schema';
import { formatTime } from '../../src/state/format';
import { RecordTable } from '../../src/supervisor/record-table.view';
import { errorText, fleetApi } from '../api/fleet-http';

type TokenRow = Awaited<ReturnType<typeof fleetApi.tokens>>[number];

const TOKEN_ACTIONS: { action: TokenRequest['action']; label: string; tone: 'secondary' | 'danger' }[] = [
  { action: 'issue', label: 'Issue', tone: 'secondary' },
  { action: 'rotate', label: 'Rotate', tone: 'secondary' },
  { action: 'revoke', label: 'Revoke', tone: 'danger' },
];

/** A plain token, shown once: the hub keeps only its hash. */
function NewToken({ stationId, token, onDismiss }: { stationId: string; token: string; onDismiss(): void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => navigator.clipboard.writeText(token).then(
    () => setCopied('yes'),
    () => setCopied('failed'),
  );
  return (
    <div className="new-token" role="status" data-testid="new-token" data-station={stationId}>
      <div>
        New token for <b>{stationId}</b> — copy it now, it is not shown again (put it in the station's <span className="mono">hub.token</span>):
      </div>
      <code className="mono token-text" data-testid="new-token-value">
        {token}
      </code>
      <div className="row-actions">
        <button type="button" className="btn-small btn-primary" onClick={() => void copy()} data-testid="copy-token">
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn-small btn-secondary" onClick={onDismiss} data-testid="dismiss-token">
          Done
        </button>
        {copied === 'failed' && <span className="muted small">The browser refused the clipboard: select the token and copy it.</span>}
      </div>
    </div>
  );
}

/** Station tokens: issue one for a new station, rotate (the station takes the new one over its link), revoke. */
export function TokensView() {
  const [tokens, setTokens] = useState<TokenRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<{ stationId: string; token: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [newId, setNewId] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    fleetApi.tokens().then(
      (list) => (setTokens(list), setError(null)),
      (err: unknown) => setError(errorText(err)),
    );
  }, []);
  useEffect(load, [load]);

  const act = async (stationId: string, action: TokenRequest['action']) => {
    setBusy(true);
    try {
      const answer = await fleetApi.token(stationId, action);
      setFresh(answer.token ? { stationId, token: answer.token } : null);
      setNotice(answer.rotated ? `${stationId} took its new token over its link; the old one is refused from now on.` : action === 'revoke' ? `${stationId}'s token is revoked.` : null);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      load();
    }
  };
  const issueNew = (e: FormEvent) => {
    e.preventDefault();
    const id = newId.trim();
    if (id) void act(id, 'issue').then(() => setNewId(''));
  };

  return (
    <section className="panel" aria-labelledby="tokens-title" data-testid="tokens">
      <h2 className="panel-title" id="tokens-title">
        Station tokens
      </h2>
      {error && (
        <div className="command-error" role="alert">
          {error}
        </div>
      )}
      {notice && (
        <div className="command-ok" role="status" data-testid="token-notice">
          {notice}
        </div>
      )}
      {fresh && <NewToken stationId={fresh.stationId} token={fresh.token} onDismiss={() => setFresh(null)} />}
      <form className="row-actions section-gap" onSubmit={issueNew}>
        <label className="small">
          Station id{' '}
          <input className="fleet-input" value={newId} maxLength={100} onChange={(e) => setNewId(e.target.value)} data-testid="token-new-station" />
        </label>
        <button type="submit" className="btn-small btn-primary" disabled={busy || !newId.trim()} data-testid="token-issue-new">
          Issue token
        </button>
      </form>
      <RecordTable
        testId="token-list"
        columns={['Station', 'Issued', 'State', '']}
        items={tokens}
        empty="No station has a token yet."
        row={(t) => (
          <tr key={t.stationId} data-testid={`token-${t.stationId}`} className={t.revokedAt ? 'row-warning' : ''}>
            <th scope="row">{t.stationId}</th>
            <td>{formatTime(t.issuedAt)}</td>
            <td data-testid={`token-state-${t.stationId}`}>
              {t.revokedAt ? `revoked ${formatTime(t.revokedAt)}` : t.rotating ? 'rotating (station has not used the new one yet)' : 'active'}
            </td>
            <td className="row-actions">
              {TOKEN_ACTIONS.map(({ action, label, tone }) => (
                <button
                  key={action}
                  type="button"
                  className={`btn-small btn-${tone}`}
                  // A revoked station can be issued a new token, nothing else.
                  disabled={busy || (action !== 'issue' && t.revokedAt !== null)}
                  onClick={() => void act(t.stationId, action)}
                  data-testid={`token-${action}-${t.stationId}`}
                >
                  {label}
                </button>
              ))}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
