// DuckDB (native, @duckdb/node-api) doing mailflow's aggregation over one file with read_csv
// (duckdb_queries.mjs). Prints {"rows":[{day,direction,connector,tls,messages,bytes}],"query_ms":N}.
//   node duckdb_agg.mjs mailflow-csv|exo-extended|postfix|exim FILE
import { DuckDBInstance } from '@duckdb/node-api';
import { KINDS, aggregateStatements } from './duckdb_queries.mjs';

const [kind, file] = process.argv.slice(2);
if (!KINDS.includes(kind) || !file) {
  console.error(`usage: node duckdb_agg.mjs ${KINDS.join('|')} FILE`);
  process.exit(2);
}
const t0 = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const statements = aggregateStatements(kind, file);
for (const sql of statements.slice(0, -1)) await connection.run(sql);
const reader = await connection.runAndReadAll(statements.at(-1));
const rows = reader.getRowObjectsJS().map((r) => ({ ...r, messages: Number(r.messages), bytes: Number(r.bytes) }));
process.stdout.write(JSON.stringify({ rows, query_ms: performance.now() - t0 }) + '\n');
