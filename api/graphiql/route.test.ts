import { makeExecutableSchema } from "@graphql-tools/schema";
import { parse, validate } from "graphql";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { transportFor } from "./route.ts";
import { STARTER_DOCUMENT } from "./starter.ts";

/** The merged schema of schema/*.graphql (SDL only: api/ does not import resolvers/). */
function sdlSchema() {
  const dir = resolve(import.meta.dirname, "../../schema");
  const files = readdirSync(dir).filter((file) => file.endsWith(".graphql"));
  const typeDefs = files.map((file) => readFileSync(resolve(dir, file), "utf8"));
  return makeExecutableSchema({ typeDefs });
}

describe("GraphiQL routes by the selected operation", () => {
  it("sends the starter document's subscriptions over ws, the rest over HTTP", () => {
    expect(transportFor(STARTER_DOCUMENT, "Book")).toBe("ws");
    expect(transportFor(STARTER_DOCUMENT, "MyOrders")).toBe("ws");
    for (const name of [
      "Markets",
      "Register",
      "Login",
      "CreateKey",
      "Deposit",
      "Buy",
      "MyAccount",
    ]) {
      expect(transportFor(STARTER_DOCUMENT, name)).toBe("http");
    }
  });

  it("uses the only operation when none is named; anything unclear goes over HTTP", () => {
    expect(transportFor("subscription { heartbeat }")).toBe("ws");
    expect(transportFor("  # a comment\n subscription S { heartbeat }", null)).toBe("ws");
    expect(transportFor("{ markets { symbol } }")).toBe("http");
    // Two operations and no name: the server answers which to pick.
    expect(transportFor("query A { me { id } } subscription B { heartbeat }")).toBe("http");
    expect(transportFor("query A { me { id } } subscription B { heartbeat }", "Nope")).toBe("http");
    expect(transportFor("subscription {")).toBe("http");
  });

  it("every operation of the starter document validates against the schema", () => {
    const errors = validate(sdlSchema(), parse(STARTER_DOCUMENT));
    expect(errors.map((e) => e.message)).toEqual([]);
    const names = parse(STARTER_DOCUMENT).definitions.map((d) =>
      "name" in d ? d.name?.value : undefined,
    );
    expect(names).toEqual([
      "Register",
      "Login",
      "CreateKey",
      "Markets",
      "Deposit",
      "Buy",
      "MyAccount",
      "Book",
      "MyOrders",
    ]);
  });
});
