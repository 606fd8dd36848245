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

import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { contactRoutes } from "./contact.routes.tsx";
import { masterdataApiRoutes } from "./masterdata.api.ts";
import { masterdataRoutes as browseRoutes } from "./masterdata.routes.tsx";
import { masterdataEditRoutes } from "./masterdata-edit.routes.tsx";
import { masterdataImportRoutes } from "./masterdata-import.routes.tsx";

/** Every master-data page. */
export function masterdataRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(browseRoutes(ctx));
    await app.register(masterdataEditRoutes(ctx));
    await app.register(masterdataImportRoutes(ctx));
    await app.register(contactRoutes(ctx));
    await app.register(masterdataApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
