import { describe, expect, it } from 'vitest';
import { adviseDeadLetter } from '../../../../app/outbox/dead-letter.advice';
import { maskPayload } from '../../../../app/outbox/payload.mask';

describe('adviseDeadLetter', () => {
  it('names the lot to create when Odoo says a lot does not exist', () => {
    const advice = adviseDeadLetter('REJECTED: odoo stock.move.line.write: odoo.exceptions.UserError: Lot "LOT-42" does not exist');
    expect(advice).toMatchObject({ code: 'REJECTED', remoteError: 'odoo.exceptions.UserError', replayable: true });
    expect(advice.summary).toBe('Odoo refused the change (UserError): Lot "LOT-42" does not exist');
    expect(advice.instruction).toBe('Create lot LOT-42 in Odoo (Inventory › Lots/Serial Numbers) for this product, then replay.');
  });

  it("names the products Odoo wants a lot for (Odoo's own validation message)", () => {
    const advice = adviseDeadLetter(
      'REJECTED: odoo stock.picking.button_validate: odoo.exceptions.UserError: You need to supply a Lot/Serial Number for product: \n - Cabinet\n - Drawer',
    );
    expect(advice.instruction).toContain('lot/serial number for Cabinet, Drawer');
    expect(advice.summary).not.toContain('\n');
  });

  it("reads the gateway's own wording: the call, the exception's short name, Odoo's message", () => {
    const advice = adviseDeadLetter('NOT_FOUND: Odoo refused stock.picking.read: MissingError: Record does not exist or has been deleted.');
    expect(advice).toMatchObject({ code: 'NOT_FOUND', remoteError: 'MissingError' });
    expect(advice.summary).toBe('The record is gone (MissingError): Record does not exist or has been deleted.');
    expect(adviseDeadLetter('REJECTED: Odoo refused stock.move.line.write: UserError: Lot LOT-9 does not exist').instruction).toContain('Create lot LOT-9');
  });

  it("speaks of the hub, not Odoo, for the hub's ledger upload; a replay is safe there", () => {
    const refused = adviseDeadLetter('gave up after 5 attempts; last error SERVER: the hub refused the ledger batch: database is read-only', 'hub');
    expect(refused).toMatchObject({ code: 'SERVER', replayable: true, summary: 'The hub failed: the hub refused the ledger batch: database is read-only' });
    expect(refused.instruction).toMatch(/later ledger facts wait behind this one.*replay never counts one twice/);
    expect(adviseDeadLetter("INVALID_REPLY: the hub's ledger acknowledgement is unreadable", 'hub').summary).toMatch(/^The hub answered something unreadable/);
    expect(adviseDeadLetter('SERVER: boom', 'odoo').instruction).toMatch(/^Odoo failed/);
  });

  it('sends an access error to the API key', () => {
    const advice = adviseDeadLetter('AUTH: odoo common.authenticate: odoo.exceptions.AccessDenied: Access Denied');
    expect(advice.instruction).toMatch(/^Check the station's API key/);
    expect(advice.summary).toBe('The station was not allowed in (AccessDenied): Access Denied');
  });

  it('says how often a server error was tried', () => {
    const advice = adviseDeadLetter('gave up after 8 attempts; last error SERVER: odoo x: builtins.ValueError: Invalid field');
    expect(advice.code).toBe('SERVER');
    expect(advice.instruction).toContain('Odoo failed 8 times with a server error');
  });

  it('a picking cancelled in Odoo is a discard, not a replay', () => {
    expect(adviseDeadLetter('REJECTED: picking 12 is cancelled in Odoo').instruction).toMatch(/cancelled or finished in Odoo meanwhile/);
    expect(adviseDeadLetter('NOT_FOUND: odoo stock.picking 12 does not exist').instruction).toMatch(/no longer exists in Odoo/);
  });

  it('a damaged local record cannot be replayed', () => {
    expect(adviseDeadLetter('unparseable outbox payload (type parcel.packed)')).toMatchObject({ code: 'LOCAL', replayable: false });
    expect(adviseDeadLetter('unexpected: boom').code).toBe('UNEXPECTED');
    expect(adviseDeadLetter('weird').instruction).toMatch(/fix its cause in Odoo, then replay/);
  });
});

describe('maskPayload', () => {
  it('masks secrets by key and by value, addresses but their country, and shortens ZPL', () => {
    const raw = JSON.stringify({
      apiKey: 'abcd-1234',
      note: 'sent with abcd-1234 to ada@example.com',
      partner: { name: 'Ada Lovelace', street1: '1 Main St', city: 'Springfield', zip: '12345', country: 'US' },
      name: 'WH/OUT/00012',
      labelZpl: `^XA${'^FDx^FS'.repeat(50)}^XZ`,
    });
    const masked = JSON.parse(maskPayload(raw, ['abcd-1234'])) as Record<string, unknown>;
    expect(masked).toEqual({
      apiKey: '***',
      note: 'sent with *** to ***',
      partner: { name: '***', street1: '***', city: '***', zip: '***', country: 'US' },
      name: 'WH/OUT/00012',
      labelZpl: '^XA^FDx^FS^F… (356 characters of label ZPL)',
    });
  });

  it('keeps a text that is not JSON readable, shortened, without e-mail addresses', () => {
    const out = maskPayload(`{broken ^XA${'^FDx^FS'.repeat(50)}^XZ bob@example.org`);
    expect(out).toContain('characters of label ZPL');
    expect(out).not.toContain('bob@example.org');
    expect(maskPayload('x'.repeat(5000))).toMatch(/… \(1000 more characters\)$/);
  });
});
