/**
 * Test helper: the data of every Code 128 field (`^BC…^FH_^FD…^FS`) of a ZPL text, its `^FH` hex escapes undone as
 * UTF-8 (the labels select it with `^CI28`): what the printer encodes in each barcode.
 */
export function zplBarcodeFields(zpl: string): string[] {
  return [...zpl.matchAll(/\^BCN,\d+,N,N,N,A\^FH_\^FD(.*?)\^FS/g)].map((m) =>
    Buffer.from(m[1]!.replace(/_([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}
