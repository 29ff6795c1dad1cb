import { getOperationAST, OperationTypeNode, parse } from "graphql";

/**
 * Where GraphiQL sends an operation: the one `operationName` selects (or the document's only
 * one) goes over graphql-ws when it is a subscription, over HTTP otherwise. A document that does
 * not parse, or names no single operation, goes over HTTP, whose answer says what is wrong.
 */
export function transportFor(query: string, operationName?: string | null): "ws" | "http" {
  try {
    const operation = getOperationAST(parse(query), operationName ?? undefined);
    return operation?.operation === OperationTypeNode.SUBSCRIPTION ? "ws" : "http";
  } catch {
    return "http";
  }
}
