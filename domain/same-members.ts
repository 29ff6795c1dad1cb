/**
 * `true` when two closed sets (string unions) have exactly the same members; otherwise an object
 * type naming the members only one side has, so `const check: SameMembers<A, B> = true` fails to
 * compile with an error that says what to add where.
 */
export type SameMembers<A extends string, B extends string> = [
  Exclude<A, B>,
  Exclude<B, A>,
] extends [never, never]
  ? true
  : { onlyInFirst: Exclude<A, B>; onlyInSecond: Exclude<B, A> };
