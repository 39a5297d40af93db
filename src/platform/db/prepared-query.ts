import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

const marker = '\u0000defuse-argument:';

/**
 * A query built once with Kysely and reused: building and compiling a query costs more than
 * running a small one on SQLite, so hot paths (ingest) build each shape once per database and
 * then only swap in the arguments. Arguments are passed to the builder as markers and found
 * again in the compiled parameter list; everything else stays a constant of the shape.
 */
export function preparedQuery<Arguments extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, argument: (name: keyof Arguments & string) => never) => Compilable<Row>,
) {
  const compiledByDatabase = new WeakMap<object, { sql: string; slots: Array<{ name: string } | { value: unknown }> }>();
  const compile = (db: Kysely<Database>) => {
    const key = db.getExecutor().adapter;
    let compiled = compiledByDatabase.get(key);
    if (!compiled) {
      const query = build(db, (name) => `${marker}${name}` as never).compile();
      compiled = {
        sql: query.sql,
        slots: query.parameters.map((value) =>
          typeof value === 'string' && value.startsWith(marker) ? { name: value.slice(marker.length) } : { value },
        ),
      };
      compiledByDatabase.set(key, compiled);
    }
    return compiled;
  };
  return async (db: Kysely<Database>, values: Arguments): Promise<Row[]> => {
    const { sql, slots } = compile(db);
    const parameters = slots.map((slot) => ('name' in slot ? values[slot.name] : slot.value));
    const result = await db.executeQuery<Row>(CompiledQuery.raw(sql, parameters));
    return result.rows;
  };
}
