/**
 * What a value becomes on its way through JSON: dates turn into ISO strings, recursively (arrays and
 * tuples keep their shape). A contract declares a verb's answer once (with its `Date`s) and the
 * browser reads `Json<Answer>`.
 */
export type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
