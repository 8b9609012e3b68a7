// mailflow's aggregation in DuckDB SQL, shared by DuckDB native (duckdb_agg.mjs) and DuckDB-Wasm
// (duckdb_wasm.mjs): messages and bytes per day, direction, connector and TLS version.
//   mailflow-csv   plain GROUP BY (one row = one message)
//   exo-extended   UTF-16 LE, SMTP RECEIVE = inbound, SENDEXTERNAL = outbound, one message per
//                  message_id and direction, TLS from custom_data
const literal = (s) => `'${s.replace(/'/g, "''")}'`;

export const KINDS = ['mailflow-csv', 'exo-extended'];

export function aggregateQuery(kind, file) {
  if (kind === 'mailflow-csv') {
    return `
    SELECT strftime(CAST(timestamp AS TIMESTAMP), '%Y-%m-%d') AS day, direction, coalesce(connector, '') AS connector,
           coalesce(tls_version, '') AS tls, count(*) AS messages, sum(bytes) AS bytes
    FROM read_csv(${literal(file)}, header = true,
                  types = {'connector': 'VARCHAR', 'tls_version': 'VARCHAR', 'bytes': 'BIGINT', 'timestamp': 'VARCHAR'})
    GROUP BY ALL`;
  }
  if (kind === 'exo-extended') {
    return `
    WITH e AS (
      SELECT message_id, CASE event_id WHEN 'RECEIVE' THEN 'inbound' ELSE 'outbound' END AS direction,
             left(date_time_utc, 10) AS day, coalesce(connector_id, '') AS connector,
             coalesce(regexp_extract(custom_data, 'S:tlsversion=([^;]*)', 1), '') AS tls,
             CAST(total_bytes AS BIGINT) AS bytes
      FROM read_csv(${literal(file)}, header = true, encoding = 'utf-16', all_varchar = true)
      WHERE source = 'SMTP' AND event_id IN ('RECEIVE', 'SENDEXTERNAL')),
    m AS (SELECT message_id, direction, min(day) AS day, any_value(connector) AS connector, any_value(tls) AS tls,
                 max(bytes) AS bytes FROM e GROUP BY message_id, direction)
    SELECT day, direction, connector, tls, count(*) AS messages, sum(bytes) AS bytes FROM m GROUP BY ALL`;
  }
  throw new Error(`no query for ${kind}`);
}
