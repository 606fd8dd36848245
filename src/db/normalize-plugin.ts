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
import { memoByText } from "../platform/memo.ts";

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
    // Rebuilding the whole tree costs far more than looking at it, and most queries carry only
    // strings and numbers: rebuild only when some value needs converting.
    return hasConvertibleValue(args.node) ? this.#transformer.transformNode(args.node) : args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) normalizeRow(row);
    return args.result;
  }
}

const booleanColumn = /^(is|has)_|_enabled$/;

type ColumnKind = "boolean" | "json" | "other";

/** Column names come from the code, so they are few; their kind is worked out once each. */
const columnKind = memoByText(
  (key): ColumnKind => (booleanColumn.test(key) ? "boolean" : key.endsWith("_json") ? "json" : "other"),
);

export function normalizeRow(row: UnknownRow): UnknownRow {
  for (const key in row) {
    const value = row[key];
    if (value === null || value === undefined) continue;
    const kind = columnKind(key);
    if (kind === "boolean") row[key] = value === 1 || value === true || value === "1";
    else if (kind === "json" && typeof value === "string") row[key] = JSON.parse(value);
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

const needsConversion = (value: unknown): boolean =>
  value !== null && typeof value === "object" ? !Buffer.isBuffer(value) : typeof value === "boolean";

/**
 * Whether a query tree holds a value `toParameter` would change, anywhere the transformer would
 * look (it looks at every node; this walks every own property, so it sees at least as much).
 * Values sit only in value nodes, which are not descended into.
 */
export function hasConvertibleValue(node: unknown): boolean {
  if (Array.isArray(node)) {
    for (const item of node)
      if (item !== null && typeof item === "object" && hasConvertibleValue(item)) return true;
    return false;
  }
  const kind = (node as { kind?: unknown }).kind;
  if (kind === "ValueNode") return needsConversion((node as ValueNode).value);
  if (kind === "PrimitiveValueListNode") return (node as PrimitiveValueListNode).values.some(needsConversion);
  for (const key in node as object) {
    const child = (node as Record<string, unknown>)[key];
    if (child !== null && typeof child === "object" && hasConvertibleValue(child)) return true;
  }
  return false;
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
