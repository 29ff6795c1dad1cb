/**
 * Constant strings (a domain list such as OPEN_ORDER_STATUSES) as SQL literals for `IN (…)`:
 * `'PENDING', 'OPEN'`. Only for lists fixed in code; values from outside go in as parameters.
 */
export function sqlStrings(values: readonly string[]): string {
  return values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ");
}
