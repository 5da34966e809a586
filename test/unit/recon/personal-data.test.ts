import { describe, expect, it } from 'vitest';
import { maskPersonalData, maskPersonalText, PERSONAL_MASK as M } from '../../../app/recon/personal-data';
import { readFixture } from '../../support/third-party-fixtures';

describe('maskPersonalData', () => {
  it('masks who and where in an address at any depth, keeping the country and flags', () => {
    const body = {
      event: 'transaction_created',
      data: {
        shipment: {
          address_to: { name: 'Mrs Hippo', company: 'Shippo', street1: '965 Mission St', street2: '', city: 'San Francisco', zip: '94103', state: 'CA', country: 'US', phone: '+1 555 341 9393', email: 'mrshippo@shippo.com', is_residential: true },
          parcels: [{ weight: '2', mass_unit: 'lb' }],
        },
        tracking_number: '9205590164917312751089',
      },
    };
    expect(maskPersonalData(body)).toEqual({
      event: 'transaction_created',
      data: {
        shipment: {
          address_to: { name: M, company: M, street1: M, street2: '', city: M, zip: M, state: M, country: 'US', phone: M, email: M, is_residential: true },
          parcels: [{ weight: '2', mass_unit: 'lb' }],
        },
        tracking_number: '9205590164917312751089',
      },
    });
  });

  it('masks personal keys outside addresses whatever their spelling, and free text people write', () => {
    const masked = maskPersonalData({ firstName: 'Ann', 'last-name': 'Lee', Phone_Number: 5551234567, emails: ['a@b.example'], metadata: 'Order 66 for Ann, call 555-123-4567', notes: null });
    expect(masked).toEqual({ firstName: M, 'last-name': M, Phone_Number: M, emails: [M], metadata: M, notes: null });
  });

  it('keeps the carrier scans of an EasyPost webhook but not who signed', () => {
    const event = JSON.parse(readFixture('utf8', 'easypost-docs-examples', 'guides/tracking-webhook.json')) as { result: Record<string, unknown> };
    const masked = maskPersonalData(event) as typeof event;
    expect(event.result.signed_by).toBe('John Tester');
    expect(masked.result.signed_by).toBe(M);
    expect(masked.result.tracking_details).toEqual(event.result.tracking_details);
    expect({ ...masked.result, signed_by: 'John Tester' }).toEqual(event.result);
  });

  it('masks secrets and leaves the input untouched', () => {
    const input = { api_key: 'EZTK123', nested: { token: 'abc', tracking_code: 'EZ4000000004' } };
    expect(maskPersonalData(input)).toEqual({ api_key: M, nested: { token: M, tracking_code: 'EZ4000000004' } });
    expect(input.api_key).toBe('EZTK123');
  });
});

describe('maskPersonalText (a carrier message)', () => {
  it.each([
    ['Delivered, signed for by: J SMITH.', `Delivered, signed for by: ${M}.`],
    ['Delivered, Left with: Front Desk Clerk; at 10:30', `Delivered, Left with: ${M}; at 10:30`],
    ['Call the recipient at +1 (555) 123-4567 to reschedule', `Call the recipient at ${M} to reschedule`],
    ['Phone 0171 1234567 not answered', `Phone ${M} not answered`],
    ['Contact ann.lee+ship@example.co.uk', `Contact ${M}`],
  ])('%s', (text, masked) => expect(maskPersonalText(text)).toBe(masked));

  it.each(['Arrived at FedEx location 2024-08-02 18:50', 'Tracking 9400111899223197428490 in transit', 'HOUSTON, TX 77063, US', 'Departed USPS Regional Facility'])('keeps %s', (text) =>
    expect(maskPersonalText(text)).toBe(text),
  );
});
