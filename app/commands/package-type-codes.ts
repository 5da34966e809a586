/**
 * Package types Odoo gives no barcode (its demo data and many databases leave `stock.package.type.barcode` empty)
 * still get one on the command sheet: `O-PKG.<id>`, the Odoo id of the type. The scan classification takes it like
 * the type's own barcode, so a new bench can choose boxes by scan without anyone editing Odoo first. The id is
 * this Odoo's: a sheet printed for one database means nothing to another.
 */
const STATION_CODE = /^o-pkg\.(\d{1,9})$/i;

export const stationPackageTypeCode = (packageTypeId: number): string => `O-PKG.${packageTypeId}`;

/** The package type id a station code names (case-insensitive, like the command barcodes), or null. */
export function packageTypeIdOfCode(code: string): number | null {
  const match = STATION_CODE.exec(code.trim());
  return match ? Number(match[1]) : null;
}
