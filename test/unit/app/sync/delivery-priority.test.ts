import { describe, expect, it } from 'vitest';
import { deliveryPriority } from '../../../../app/sync/delivery-priority';

describe('deliveryPriority', () => {
  const now = new Date(2026, 11, 2, 10, 42).getTime();
  it('urgent first, then due today (station day), then the rest', () => {
    expect(deliveryPriority({ urgent: true, scheduledAt: null }, now)).toBe(2);
    expect(deliveryPriority({ urgent: false, scheduledAt: new Date(2026, 11, 2, 23, 59).getTime() }, now)).toBe(1);
    expect(deliveryPriority({ urgent: false, scheduledAt: new Date(2026, 10, 28).getTime() }, now)).toBe(1);
    expect(deliveryPriority({ urgent: false, scheduledAt: new Date(2026, 11, 3, 0, 0).getTime() }, now)).toBe(0);
    expect(deliveryPriority({}, now)).toBe(0);
  });
});
