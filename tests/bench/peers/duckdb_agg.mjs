// DuckDB (native, @duckdb/node-api) doing mailflow's aggregation over one file with read_csv:
// messages and bytes per day, direction, connector and TLS. Prints
// {"rows":[{day,direction,connector,tls,messages,bytes}],"query_ms":N} on stdout.
//   node duckdb_agg.mjs mailflow-csv FILE     plain GROUP BY (one row = one message)
//   node duckdb_agg.mjs exo-extended FILE     UTF-16 LE, SMTP RECEIVE = inbound, SENDEXTERNAL = outbound,
//                                              one message per message_id and direction, TLS from custom_data
import { DuckDBInstance } from '@duckdb/node-api';

const [kind, file] = process.argv.slice(2);
const lit = (s) => `'${s.replace(/'/g, "''")}'`;
const queries = {
  'mailflow-csv': `
    SELECT strftime(CAST(timestamp AS TIMESTAMP), '%Y-%m-%d') AS day, direction, coalesce(connector, '') AS connector,
           coalesce(tls_version, '') AS tls, count(*) AS messages, sum(bytes) AS bytes
    FROM read_csv(${lit(file)}, header = true,
                  types = {'connector': 'VARCHAR', 'tls_version': 'VARCHAR', 'bytes': 'BIGINT', 'timestamp': 'VARCHAR'})
    GROUP BY ALL`,
  'exo-extended': `
    WITH e AS (
      SELECT message_id, CASE event_id WHEN 'RECEIVE' THEN 'inbound' ELSE 'outbound' END AS direction,
             left(date_time_utc, 10) AS day, coalesce(connector_id, '') AS connector,
             coalesce(regexp_extract(custom_data, 'S:tlsversion=([^;]*)', 1), '') AS tls,
             CAST(total_bytes AS BIGINT) AS bytes
      FROM read_csv(${lit(file)}, header = true, encoding = 'utf-16', all_varchar = true)
      WHERE source = 'SMTP' AND event_id IN ('RECEIVE', 'SENDEXTERNAL')),
    m AS (SELECT message_id, direction, min(day) AS day, any_value(connector) AS connector, any_value(tls) AS tls,
                 max(bytes) AS bytes FROM e GROUP BY message_id, direction)
    SELECT day, direction, connector, tls, count(*) AS messages, sum(bytes) AS bytes FROM m GROUP BY ALL`,
};
if (!queries[kind] || !file) {
  console.error('usage: node duckdb_agg.mjs mailflow-csv|exo-extended FILE');
  process.exit(2);
}
const t0 = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(queries[kind]);
const rows = reader.getRowObjectsJS().map((r) => ({ ...r, messages: Number(r.messages), bytes: Number(r.bytes) }));
process.stdout.write(JSON.stringify({ rows, query_ms: performance.now() - t0 }) + '\n');
