import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../../sync/http/retry-after';

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('Fri, 07 Mar 2025 16:46:20 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 07 Mar 2025 16:46:25 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Fri, 07 Mar 2025 16:46:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
