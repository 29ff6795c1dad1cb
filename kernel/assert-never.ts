/**
 * The default branch of a switch over a closed set (order type, side, time in force, ...): it
 * compiles only while every member has its case, so adding a member fails to compile until each
 * switch handles it. Reaching it at run time is a bug, hence the throw.
 */
export function assertNever(value: never): never {
  throw new Error(`unhandled member of a closed set: ${describe(value)}`);
}

/**
 * The default branch of a switch that validates untrusted input against a closed set: compiles
 * only while every member has its case, like assertNever, but an unlisted value is bad input, so
 * the answer is false rather than a throw.
 */
export function unlisted(_value: never): false {
  return false;
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
