import {
  GraphQLError,
  Kind,
  type ArgumentNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { ErrorCode } from "./errors.ts";
import { MAX_PAGE } from "./pagination.ts";

export const QUERY_LIMITS = { maxDepth: 12, maxAliases: 30, maxCost: 20_000 };

/**
 * Inside `__schema`/`__type`, `ofType` only unwraps one List/NonNull wrapper (a single object, no
 * fan-out), yet the standard introspection query (GraphiQL, codegen) nests it 7–9 times. It adds
 * no depth there, so introspection fits the limit while `fields { type { fields … } } }` still counts.
 */
const UNWRAP_FIELD = "ofType";

/** Arguments that multiply the cost of what is selected under a field. */
const SIZE_ARGUMENTS = new Set(["first", "limit", "depth"]);

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * One validation rule for depth, alias count and cost, run on HTTP and on the websocket alike.
 * Cost: each field is 1, and everything under a field with `first`/`limit` counts that many
 * times (a variable counts as the page cap, since its value is not known at validation).
 */
export function queryLimitsRule(limits = QUERY_LIMITS): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const measure = measureSelection(operation.selectionSet, fragments, new Set(), false);
        const report = (what: string) =>
          context.reportError(
            new GraphQLError(`Query ${what}`, {
              nodes: [operation],
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limits },
            }),
          );
        if (measure.depth > limits.maxDepth)
          report(`depth ${measure.depth} exceeds ${limits.maxDepth}`);
        if (measure.aliases > limits.maxAliases)
          report(`has ${measure.aliases} aliases; at most ${limits.maxAliases}`);
        if (measure.cost > limits.maxCost) report(`cost ${measure.cost} exceeds ${limits.maxCost}`);
      },
    };
  };
}

function measureSelection(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
  introspection: boolean,
): Measure {
  const total: Measure = { depth: 0, aliases: 0, cost: 0 };
  for (const selection of selectionSet.selections) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const inIntrospection = introspection || name.startsWith("__");
      const child = selection.selectionSet
        ? measureSelection(selection.selectionSet, fragments, visiting, inIntrospection)
        : { depth: 0, aliases: 0, cost: 0 };
      inner = {
        depth: child.depth + (introspection && name === UNWRAP_FIELD ? 0 : 1),
        aliases: child.aliases + (selection.alias ? 1 : 0),
        cost: 1 + child.cost * multiplier(selection.arguments ?? []),
      };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measureSelection(selection.selectionSet, fragments, visiting, introspection);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // Unknown or cyclic fragments are reported by graphql's own rules.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      inner = measureSelection(fragment.selectionSet, fragments, visiting, introspection);
      visiting.delete(name);
    }
    total.depth = Math.max(total.depth, inner.depth);
    total.aliases += inner.aliases;
    total.cost += inner.cost;
  }
  return total;
}

function multiplier(args: readonly ArgumentNode[]): number {
  for (const arg of args) {
    if (!SIZE_ARGUMENTS.has(arg.name.value)) continue;
    if (arg.value.kind === Kind.INT) return Math.max(1, Math.min(Number(arg.value.value), 1_000));
    if (arg.value.kind === Kind.VARIABLE) return MAX_PAGE;
  }
  return 1;
}
