import type { OutboxPayload } from '../../../../app/domain/outbox-event.schema';

/** A `label.bought` event whose ZPL is long enough to be shortened wherever a person sees the payload. */
export function labelBought(pickingId: number): OutboxPayload {
  return {
    type: 'label.bought',
    pickingId,
    parcelIndex: 1,
    shipmentId: 'shp_1',
    trackingCode: '9400100000000000000001',
    labelName: 'label-1.zpl',
    labelZpl: `^XA^FO50,50^BCN,100^FD9400100000000000000001^FS${'^FO10,10^FDx^FS'.repeat(40)}^XZ`,
  };
}
