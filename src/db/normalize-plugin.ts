import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  ValueNode,
} from "kysely";

/**
 * Makes both dialects hand the same JS types to the app and accept the same ones from it.
 *
 * Storage conventions (the same on SQLite and PostgreSQL, see migrations):
 * - booleans are integer 0/1 columns named `is_*`, `has_*` or `*_enabled`; read back as booleans;
 * - JSON is text in columns named `*_json`; read back parsed;
 * - instants are ISO-8601 UTC text (`toISOString()`), dates `YYYY-MM-DD` text.
 * Parameters: booleans become 0/1, Dates ISO text, plain objects and arrays JSON text.
 */
export class NormalizePlugin implements KyselyPlugin {
  readonly #transformer = new ParameterTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) normalizeRow(row);
    return args.result;
  }
}

const booleanColumn = /^(is|has)_|_enabled$/;

export function normalizeRow(row: UnknownRow): UnknownRow {
  for (const key in row) {
    const value = row[key];
    if (value === null || value === undefined) continue;
    if (booleanColumn.test(key)) row[key] = value === 1 || value === true || value === "1";
    else if (key.endsWith("_json") && typeof value === "string") row[key] = JSON.parse(value);
    else if (typeof value === "bigint") row[key] = Number(value);
  }
  return row;
}

export function toParameter(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}

class ParameterTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = toParameter(node.value);
    return value === node.value ? node : ValueNode.create(value);
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return PrimitiveValueListNode.create(node.values.map(toParameter));
  }
}
