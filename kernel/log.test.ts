import { describe, expect, it } from "vitest";
import { describeError, scrub } from "./log.ts";

describe("log lines", () => {
  it("drop SQL text and parameters of a failed query, keeping code and constraint", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "k"'), {
      code: "23505",
      constraint: "users_email_lower_key",
      detail: "Key (lower(email))=(a@b.example) already exists.",
    });
    const failed = new Error(
      'Failed query: insert into "users" ("email", "password_hash") values ($1, $2)\nparams: a@b.example,scrypt$131072$8$1$c2FsdA==$aGFzaA==',
      { cause },
    );
    const text = JSON.stringify(describeError(failed));
    expect(text).not.toMatch(/insert into|params|scrypt|a@b\.example|Key \(/);
    expect(text).toContain("23505");
    expect(text).toContain("users_email_lower_key");
  });

  it("cut quoted values from database messages", () => {
    const error = new Error('invalid input syntax for type uuid: "someone@example.com"');
    expect(describeError(error).message).toBe(
      'invalid input syntax for type uuid: "[value withheld]"',
    );
  });

  it("never carry hashes, keys, tokens or emails, whatever field they hide in", () => {
    const line = scrub(
      JSON.stringify({
        a: "scrypt$131072$8$1$c2FsdA==$aGFzaA==",
        b: `ehk_ABCDEFGHIJKL_${"x".repeat(43)}`,
        c: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
        d: "ab".repeat(32),
        e: "contact: Jane.Doe+x@mail.example.org",
      }),
    );
    expect(line).not.toMatch(/scrypt\$1|ehk_ABC|eyJhbGci|abab|Jane/);
    expect(JSON.parse(line)).toEqual({
      a: "[password hash]",
      b: "[api key]",
      c: "[token]",
      d: "[hash]",
      e: "contact: [email]",
    });
    // A database URL's user@host is not an email; the URL is already redacted of its password.
    expect(scrub("postgres://postgres@127.0.0.1:5432/eventhub")).toBe(
      "postgres://postgres@127.0.0.1:5432/eventhub",
    );
  });
});
