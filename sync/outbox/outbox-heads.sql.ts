// The head of an order key is its lowest id that is still open. A 'dead' head stays open on purpose: the later events
// of that picking (validate after put-in-pack, say) would fail or do the wrong thing without it, so the key waits until
// a human replays or discards the dead letter. Other keys are not affected.
// Pending rows are walked in due order (index outbox_due_by_priority) and a row is a head when nothing open precedes it
// in its key (an index seek on outbox_open_by_key): the cost follows the rows returned, not the size of the backlog.
export const IS_HEAD = `NOT EXISTS (SELECT 1 FROM outbox p WHERE p.target = o.target AND p.order_key = o.order_key
  AND p.state IN ('pending', 'dead') AND p.id < o.id)`;

// The pending rows of a target are ordered by priority first (outbox_due_by_priority), so the earliest due time over
// all priorities is one seek per priority present, each found by a seek below the one before (a handful: 0, 1, 2).
const PRIORITY_BELOW = (bound: string) => `(SELECT q.priority FROM outbox q INDEXED BY outbox_due_by_priority
  WHERE q.target = @target AND q.state = 'pending' ${bound} ORDER BY q.priority DESC LIMIT 1)`;
export const NEXT_ATTEMPT_AFTER = `WITH RECURSIVE levels(priority) AS (
    SELECT ${PRIORITY_BELOW('')}
    UNION ALL SELECT ${PRIORITY_BELOW('AND q.priority < levels.priority')} FROM levels WHERE levels.priority IS NOT NULL)
  SELECT MIN((SELECT o.next_attempt_at FROM outbox o INDEXED BY outbox_due_by_priority
    WHERE o.target = @target AND o.state = 'pending' AND o.priority = levels.priority AND o.next_attempt_at > @now AND ${IS_HEAD}
    ORDER BY o.next_attempt_at, o.id LIMIT 1)) AS at
  FROM levels WHERE levels.priority IS NOT NULL`;
