/** The master-data module's public door: other modules import from here only. */
export { type AddressParts, floorAndDoor, oneLineAddress } from "./address.ts";
export { type ImportReport, importFile, type RowError } from "./import/engine.ts";
export { exportRows } from "./import/export.ts";
export { columns, type ImportKind, importKinds, isImportKind } from "./import/kinds.ts";
export {
  type DepartmentCount,
  departmentCounts,
  findCurrentHomes,
  type HomeRow,
} from "./masterdata.repository.ts";
export type { HouseholdRole, UnitKind, UnitStatus } from "./masterdata.table.ts";
export { formatAddressLines, isValidCvr } from "./rules/index.ts";
