/** What went wrong (an alert) and what an action did (a status line), each shown only when there is something to say. */
export function Notices({ error, done, doneTestId }: { error: string | null; done?: string | null; doneTestId?: string }) {
  return (
    <>
      {error && (
        <div className="command-error" role="alert">
          {error}
        </div>
      )}
      {done && (
        <div className="command-ok" role="status" data-testid={doneTestId}>
          {done}
        </div>
      )}
    </>
  );
}
