/** The outbox order key of a picking: its events are delivered strictly in order, other pickings' concurrently. */
export const orderKeyFor = (pickingId: number): string => `picking:${pickingId}`;
