import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type ArgumentNode,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { ErrorCode } from "../kernel/errors.ts";
import { MAX_PAGE } from "./pagination.ts";

/**
 * What one operation may ask for. `maxSelections` counts fields, inline fragments and fragment
 * spreads with every spread expanded (spreads count too: a chain of spreads that selects nothing
 * still costs every walk over it). `maxFieldPairs` counts pairs of fields that share a response
 * path, which graphql's OverlappingFieldsCanBeMerged rule compares one by one (its cost grows
 * with their square).
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 20_000,
  maxSelections: 1_500,
  maxFieldPairs: 500,
  /** Schema reads per operation: `__schema` weighs 5 and `__type` 1 (a whole introspection is
   * about 60 KB of answer and several ms of work; one per request is all a tool needs). */
  maxIntrospection: 5,
};
export type QueryLimits = typeof QUERY_LIMITS;

/**
 * Inside `__schema`/`__type`, `ofType` only unwraps one List/NonNull wrapper (a single object, no
 * fan-out), yet the standard introspection query (GraphiQL, codegen) nests it 7–9 times. It adds
 * no depth there, so introspection fits the limit while `fields { type { fields … } } }` still counts.
 */
const UNWRAP_FIELD = "ofType";

const INTROSPECTION_WEIGHT: Record<string, number> = { __schema: 5, __type: 1 };

/** Arguments that multiply the cost of what is selected under a field. */
const SIZE_ARGUMENTS = new Set(["first", "limit", "depth"]);

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
  /** Fields, inline fragments and spreads, with fragments expanded. */
  selections: number;
  /** Weight of `__schema` (5) and `__type` (1) fields, with fragments expanded. */
  introspection: number;
}

/**
 * Measures every operation of a document in time linear in its size: each fragment is measured
 * once (per introspection context) and reused at every spread, so `...F1 ...F1` nested 30 deep
 * costs 30 measurements, not 2^30. Returns the first limit an operation breaks, or null.
 */
export function findComplexityProblem(
  document: DocumentNode,
  limits: QueryLimits = QUERY_LIMITS,
): { message: string; operation: OperationDefinitionNode } | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const measurer = new Measurer(fragments);
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
    const measure = measurer.selection(operation.selectionSet, false);
    const problem =
      measure.depth > limits.maxDepth
        ? `depth ${measure.depth} exceeds ${limits.maxDepth}`
        : measure.aliases > limits.maxAliases
          ? `has ${measure.aliases} aliases; at most ${limits.maxAliases}`
          : measure.cost > limits.maxCost
            ? `cost ${measure.cost} exceeds ${limits.maxCost}`
            : measure.selections > limits.maxSelections
              ? `makes ${measure.selections} selections with its fragments expanded; at most ${limits.maxSelections}`
              : measure.introspection > limits.maxIntrospection
                ? `reads the schema more than once (__schema weighs 5, __type 1; at most ${limits.maxIntrospection})`
                : null;
    if (problem) return { message: `Query ${problem}`, operation };
    // Only now is expanding the operation bounded (by maxSelections).
    const pairs = overlappingPairs(operation.selectionSet, fragments, limits);
    if (pairs > limits.maxFieldPairs) {
      return {
        message: `Query repeats fields under one response name too often (more than ${limits.maxFieldPairs} pairs to compare)`,
        operation,
      };
    }
  }
  return null;
}

/**
 * Whether every operation of the document selects only schema fields (`__schema`, `__type`,
 * `__typename`) at its root, with no variables: its answer depends on nothing but the schema.
 */
export function readsOnlyTheSchema(document: DocumentNode): boolean {
  let operations = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    operations++;
    if (
      definition.operation !== OperationTypeNode.QUERY ||
      (definition.variableDefinitions?.length ?? 0) > 0
    )
      return false;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !selection.name.value.startsWith("__")) return false;
    }
  }
  return operations > 0;
}

/** Error of a document over the limits (code QUERY_TOO_COMPLEX, the limits in extensions). */
export function queryTooComplex(
  message: string,
  operation?: OperationDefinitionNode,
  limits: QueryLimits = QUERY_LIMITS,
): GraphQLError {
  return new GraphQLError(message, {
    nodes: operation ? [operation] : undefined,
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limits },
  });
}

/** The same limits as a validation rule, for any path that validates with graphql's own rules. */
export function queryLimitsRule(limits = QUERY_LIMITS): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const problem = findComplexityProblem(document, limits);
      if (problem) context.reportError(queryTooComplex(problem.message, problem.operation, limits));
    },
  });
}

class Measurer {
  private readonly memo = new Map<string, Measure>();
  private readonly visiting = new Set<string>();

  constructor(private readonly fragments: Map<string, FragmentDefinitionNode>) {}

  selection(selectionSet: SelectionSetNode, introspection: boolean): Measure {
    const total: Measure = { depth: 0, aliases: 0, cost: 0, selections: 0, introspection: 0 };
    for (const selection of selectionSet.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const inIntrospection = introspection || name.startsWith("__");
        const child = selection.selectionSet
          ? this.selection(selection.selectionSet, inIntrospection)
          : { depth: 0, aliases: 0, cost: 0, selections: 0, introspection: 0 };
        inner = {
          depth: child.depth + (introspection && name === UNWRAP_FIELD ? 0 : 1),
          aliases: child.aliases + (selection.alias ? 1 : 0),
          cost: 1 + child.cost * multiplier(selection.arguments ?? []),
          selections: 1 + child.selections,
          introspection: child.introspection + (INTROSPECTION_WEIGHT[name] ?? 0),
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const child = this.selection(selection.selectionSet, introspection);
        inner = { ...child, selections: 1 + child.selections };
      } else {
        const measured = this.fragment(selection.name.value, introspection);
        inner = measured
          ? { ...measured, selections: 1 + measured.selections }
          : { depth: 0, aliases: 0, cost: 0, selections: 1, introspection: 0 };
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.cost += inner.cost;
      total.selections += inner.selections;
      total.introspection += inner.introspection;
    }
    return total;
  }

  private fragment(name: string, introspection: boolean): Measure | null {
    const key = `${introspection ? "i" : "q"}:${name}`;
    const known = this.memo.get(key);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown or cyclic fragments are reported by graphql's own rules.
    if (!fragment || this.visiting.has(name)) return null;
    this.visiting.add(name);
    const measure = this.selection(fragment.selectionSet, introspection);
    this.visiting.delete(name);
    this.memo.set(key, measure);
    return measure;
  }
}

/**
 * Pairs of expanded fields that share a path of response names (`markets.symbol`): the pairs
 * graphql's OverlappingFieldsCanBeMerged compares. Stops (returning Infinity) once over
 * `maxFieldPairs`, or after `maxSelections` steps, whatever the document.
 */
function overlappingPairs(
  root: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  limits: QueryLimits,
): number {
  const seen = new Map<string, number>();
  let pairs = 0;
  let steps = 0;
  const walk = (selectionSet: SelectionSetNode, path: string, spreads: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (pairs > limits.maxFieldPairs) return;
      if (++steps > limits.maxSelections) {
        pairs = Infinity;
        return;
      }
      if (selection.kind === Kind.FIELD) {
        const key = `${path}.${(selection.alias ?? selection.name).value}`;
        const count = seen.get(key) ?? 0;
        pairs += count;
        seen.set(key, count + 1);
        if (selection.selectionSet) walk(selection.selectionSet, key, spreads);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, path, spreads);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment inside itself is a cycle, which graphql's own rules report.
        if (!fragment || spreads.has(name)) continue;
        walk(fragment.selectionSet, path, new Set([...spreads, name]));
      }
    }
  };
  walk(root, "", new Set());
  return pairs;
}

function multiplier(args: readonly ArgumentNode[]): number {
  for (const arg of args) {
    if (!SIZE_ARGUMENTS.has(arg.name.value)) continue;
    if (arg.value.kind === Kind.INT) return Math.max(1, Math.min(Number(arg.value.value), 1_000));
    if (arg.value.kind === Kind.VARIABLE) return MAX_PAGE;
  }
  return 1;
}
