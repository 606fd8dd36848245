import type { FastifyPluginAsync } from "fastify";
import { reachOf } from "../../platform/access.ts";
import type { AppContext } from "../../platform/context.ts";
import { writeCsv } from "../../platform/csv/write.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { pageContext, sendPage } from "../../platform/http/request-context.ts";
import { importFile } from "./import/engine.ts";
import { exportRows } from "./import/export.ts";
import { columns, isImportKind } from "./import/kinds.ts";
import { ImportPage } from "./views/import.views.tsx";

/** The upload page (validate, then all-or-nothing import) and CSV downloads. */
export function masterdataImportRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get("/masterdata/import", { config: { permission: "masterdata.import" } }, async (request, reply) =>
      sendPage(reply, ImportPage({ ctx: pageContext(request, reply) })),
    );

    app.post(
      "/masterdata/import",
      { config: { permission: "masterdata.import" } },
      async (request, reply) => {
        const body = (request.body ?? {}) as { kind?: unknown; file?: unknown };
        const kind = typeof body.kind === "string" ? body.kind : "";
        const file = Buffer.isBuffer(body.file) ? body.file : null;
        const errors: Record<string, string> = {};
        if (!isImportKind(kind)) errors.kind = "masterdata.errors.import_kind";
        if (!file || file.length === 0) errors.file = "masterdata.errors.import_file";
        if (!isImportKind(kind) || !file || file.length === 0) {
          return sendPage(reply, ImportPage({ ctx: pageContext(request, reply), errors, kind }), 400);
        }
        const report = await importFile(
          ctx,
          actorOf(request),
          reachOf(request.principal!, "masterdata.import"),
          kind,
          () => file,
        );
        return sendPage(
          reply,
          ImportPage({ ctx: pageContext(request, reply), report, kind }),
          report.written ? 200 : 400,
        );
      },
    );

    app.get(
      "/masterdata/export/:kind",
      { config: { permission: "masterdata.read" } },
      async (request, reply) => {
        const { kind } = request.params as { kind: string };
        if (!isImportKind(kind)) throw new NotFoundError();
        const stream = writeCsv(
          exportRows(ctx.db, reachOf(request.principal!, "masterdata.read"), kind),
          columns[kind],
        );
        return reply
          .type("text/csv; charset=utf-8")
          .header(
            "content-disposition",
            `attachment; filename="almen-${kind}-${new Date().toISOString().slice(0, 10)}.csv"`,
          )
          .send(stream);
      },
    );
  };
}
