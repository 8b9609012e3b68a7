// mailflow's aggregation in DuckDB SQL, shared by DuckDB native (duckdb_agg.mjs) and DuckDB-Wasm
// (duckdb_wasm.mjs): messages and bytes per day, direction, connector and TLS version.
//   mailflow-csv   plain GROUP BY (one row = one message)
//   exo-extended   UTF-16 LE, SMTP RECEIVE = inbound, SENDEXTERNAL = outbound, one message per
//                  message_id and direction, TLS from custom_data
//   message-trace  one message per MessageId and direction (FromIP only = inbound, ToIP only =
//                  outbound, neither or both not counted), the day of its en-US Received date
//   postfix        the syslog file read as lines (read_csv, one VARCHAR column, a delimiter and no
//                  quote that never occur), the lines of interest parsed with regexp_extract into a
//                  temporary table (in file order: its rowid is the line order the TLS needs);
//                  inbound = port 25's `client=` lines (not loopback, not SASL, not submission),
//                  less the queue ids rejected at end of data (`QUEUEID: milter-reject:
//                  END-OF-MESSAGE ...`, header/body checks), TLS from the TLS line of the
//                  same smtpd session; outbound = `status=sent` of postfix/smtp, one per queue id
//                  and relay, TLS from the process's last TLS line when it names that relay; bytes
//                  the qmgr size= joined by queue id
//   exim           the main log read as lines; inbound = `<=` with H= (not A=, not esmtpa/esmtpsa,
//                  not loopback), outbound = `=>` with H=, one per message id and host IP, bytes the
//                  arrival's S= joined by message id, TLS from X=
// aggregateStatements() gives the statements to run in order; the last one's rows are the answer.
const literal = (s) => `'${s.replace(/'/g, "''")}'`;

export const KINDS = ['mailflow-csv', 'exo-extended', 'message-trace', 'postfix', 'exim'];

// A text file as one VARCHAR column `line`: no header, no quoting, a delimiter no log line holds.
const lines = (file) =>
  `read_csv(${literal(file)}, columns = {'line': 'VARCHAR'}, header = false, auto_detect = false, delim = '\\x01', quote = '', escape = '')`;
// "TLSv1.3" / "TLS1.2" / "TLSv1" (Postfix, Exim) -> "1.3" / "1.2" / "1.0"
const tlsLabel = (x) => `CASE WHEN ${x} IN ('TLSv1', 'TLS1') THEN '1.0' ELSE regexp_replace(${x}, '^TLSv?', '') END`;

export function aggregateStatements(kind, file) {
  if (kind === 'mailflow-csv') {
    return [`
    SELECT strftime(CAST(timestamp AS TIMESTAMP), '%Y-%m-%d') AS day, direction, coalesce(connector, '') AS connector,
           coalesce(tls_version, '') AS tls, count(*) AS messages, sum(bytes) AS bytes
    FROM read_csv(${literal(file)}, header = true,
                  types = {'connector': 'VARCHAR', 'tls_version': 'VARCHAR', 'bytes': 'BIGINT', 'timestamp': 'VARCHAR'})
    GROUP BY ALL`];
  }
  if (kind === 'exo-extended') {
    return [`
    WITH e AS (
      SELECT message_id, CASE event_id WHEN 'RECEIVE' THEN 'inbound' ELSE 'outbound' END AS direction,
             left(date_time_utc, 10) AS day, coalesce(connector_id, '') AS connector,
             coalesce(regexp_extract(custom_data, 'S:tlsversion=([^;]*)', 1), '') AS tls,
             CAST(total_bytes AS BIGINT) AS bytes
      FROM read_csv(${literal(file)}, header = true, encoding = 'utf-16', all_varchar = true)
      WHERE source = 'SMTP' AND event_id IN ('RECEIVE', 'SENDEXTERNAL')),
    m AS (SELECT message_id, direction, min(day) AS day, any_value(connector) AS connector, any_value(tls) AS tls,
                 max(bytes) AS bytes FROM e GROUP BY message_id, direction)
    SELECT day, direction, connector, tls, count(*) AS messages, sum(bytes) AS bytes FROM m GROUP BY ALL`];
  }
  if (kind === 'message-trace') {
    return [`
    WITH e AS (
      SELECT MessageId, CASE WHEN coalesce(ToIP, '') = '' THEN 'inbound' ELSE 'outbound' END AS direction,
             strftime(strptime(Received, '%m/%d/%Y %I:%M:%S %p'), '%Y-%m-%d') AS day, CAST(Size AS BIGINT) AS bytes
      FROM read_csv(${literal(file)}, header = true, all_varchar = true)
      WHERE (coalesce(FromIP, '') = '') <> (coalesce(ToIP, '') = '')),
    m AS (SELECT MessageId, direction, min(day) AS day, any_value(bytes) AS bytes FROM e GROUP BY MessageId, direction)
    SELECT day, direction, '' AS connector, '' AS tls, count(*) AS messages, sum(bytes) AS bytes FROM m GROUP BY ALL`];
  }
  if (kind === 'postfix') {
    // Classic syslog stamps carry no year: the day is read in 2026, the generated log's year.
    return [`
    CREATE OR REPLACE TEMP TABLE pf AS
    WITH l AS (
      SELECT regexp_extract(line, '^([A-Z][a-z]{2} [ 0-9][0-9]) [0-9:]{8} (\\S+) (postfix[^\\[: ]*)\\[([0-9]+)\\]: (.*)$',
                            ['day', 'host', 'prog', 'pid', 'msg']) AS f
      FROM ${lines(file)} WHERE line LIKE '%postfix%'),
    k AS (
      SELECT f.day, f.host, f.prog, f.pid, f.msg,
             regexp_extract(f.prog, '[^/]*$') AS process,
             CASE WHEN f.msg LIKE 'connect from %' THEN 'connect'
                  WHEN f.msg LIKE '% TLS connection %' THEN 'tls'
                  WHEN f.msg LIKE '%: client=%' THEN 'client'
                  WHEN f.msg LIKE '%: from=<%, size=%' THEN 'size'
                  WHEN regexp_matches(f.msg, '^[0-9A-Za-z]+: (milter-)?reject: (END-OF-MESSAGE|DATA|BDAT|header|body) ') THEN 'reject'
                  WHEN f.msg LIKE '%: to=<%status=sent%' THEN 'sent' END AS kind
      FROM l WHERE f.prog <> '')
    SELECT day, host, pid, prog, kind,
           regexp_extract(msg, '^([0-9A-Za-z]+): ', 1) AS qid,
           CASE kind WHEN 'tls' THEN regexp_extract(msg, ' TLS connection (?:established|reused) (?:from|to) (\\S+?)(?: to \\S+)?: ', 1)
                     WHEN 'client' THEN regexp_extract(msg, ': client=([^,]*)', 1)
                     WHEN 'sent' THEN regexp_extract(msg, ', relay=([^,]*)', 1) END AS peer,
           CASE WHEN kind = 'tls' THEN regexp_extract(msg, ': (\\S+) with cipher ', 1) END AS tls,
           CASE WHEN kind = 'size' THEN CAST(regexp_extract(msg, ', size=([0-9]+)', 1) AS BIGINT) END AS size,
           kind = 'client' AND msg LIKE '%, sasl_username=%' AS sasl,
           msg LIKE '% TLS connection % from %' AS server_side
    FROM k
    WHERE (kind IN ('connect', 'client') AND process = 'smtpd') OR (kind = 'size' AND process = 'qmgr') OR kind IN ('tls', 'reject')
       OR (kind = 'sent' AND process IN ('smtp', 'relay'))`, `
    WITH s AS (  -- smtpd lines of each process, numbered by session (a 'connect from' starts one)
      SELECT rowid AS n, *, sum(CASE WHEN kind = 'connect' THEN 1 ELSE 0 END) OVER (PARTITION BY host, pid ORDER BY rowid) AS session
      FROM pf WHERE kind IN ('connect', 'client') OR (kind = 'tls' AND server_side)),
    session_tls AS (SELECT host, pid, session, max(tls) AS tls FROM s WHERE kind = 'tls' AND session > 0 GROUP BY ALL),
    inbound AS (
      SELECT c.day, c.host, c.qid, c.prog AS connector,
             CASE WHEN c.session = 0 THEN 'no-data' ELSE coalesce(${tlsLabel('t.tls')}, 'none') END AS tls
      FROM s c LEFT JOIN session_tls t USING (host, pid, session)
      WHERE c.kind = 'client' AND NOT c.sasl AND NOT regexp_matches(c.prog, '/(submission|submissions|smtps)/')
        AND NOT regexp_matches(c.peer, '\\[(127\\.[^\\]]*|::1)\\]')
        AND (c.host, c.qid) NOT IN (SELECT host, qid FROM pf WHERE kind = 'reject')),
    d AS (  -- postfix/smtp lines of each process: the last TLS line before each delivery
      SELECT *, last_value(CASE WHEN kind = 'tls' THEN peer END IGNORE NULLS) OVER w AS tls_peer,
                last_value(CASE WHEN kind = 'tls' THEN tls END IGNORE NULLS) OVER w AS tls_version
      FROM pf WHERE kind = 'sent' OR (kind = 'tls' AND NOT server_side)
      WINDOW w AS (PARTITION BY host, pid ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
    outbound AS (
      SELECT min(day) AS day, host, qid, any_value(prog) AS connector,
             min(CASE WHEN tls_peer = peer THEN ${tlsLabel('tls_version')} ELSE 'none' END) AS tls
      FROM d WHERE kind = 'sent' AND regexp_matches(peer, '\\[[^\\]]+\\]') AND NOT regexp_matches(peer, '\\[(127\\.[^\\]]*|::1)\\]')
      GROUP BY host, qid, peer),
    sizes AS (SELECT host, qid, any_value(size) AS bytes FROM pf WHERE kind = 'size' GROUP BY ALL),
    m AS (SELECT day, 'inbound' AS direction, connector, tls, host, qid FROM inbound
          UNION ALL SELECT day, 'outbound', connector, tls, host, qid FROM outbound)
    SELECT strptime(regexp_replace(day, ' +', ' ') || ' 2026', '%b %d %Y')::DATE::VARCHAR AS day, direction, connector, tls,
           count(*) AS messages, sum(coalesce(bytes, 0)) AS bytes
    FROM m LEFT JOIN sizes USING (host, qid) GROUP BY ALL`];
  }
  if (kind === 'exim') {
    return [`
    WITH e AS (
      SELECT regexp_extract(line, '^([0-9]{4}-[0-9]{2}-[0-9]{2}) [0-9:.]+(?: [-+][0-9]{4})? (?:\\[[0-9]+\\] )?([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) (<=|=>) (.*)$',
                            ['day', 'id', 'flag', 'rest']) AS f
      FROM ${lines(file)} WHERE line LIKE '% <= %' OR line LIKE '% => %'),
    x AS (
      SELECT f.day, f.id, f.flag, f.rest,
             regexp_extract(f.rest, ' H=[^\\[]*\\[([^\\]]+)\\]', 1) AS ip,
             regexp_extract(f.rest, ' X=([^: ]+)', 1) AS x
      FROM e WHERE f.flag <> ''),
    arrivals AS (
      SELECT *, regexp_extract(rest, ' P=(\\S+)', 1) AS proto, regexp_extract(rest, ' I=(\\S+)', 1) AS iface,
             CAST(nullif(regexp_extract(rest, ' S=([0-9]+)', 1), '') AS BIGINT) AS bytes
      FROM x WHERE flag = '<='),
    sizes AS (SELECT id, any_value(bytes) AS bytes FROM arrivals GROUP BY id),
    inbound AS (
      SELECT day, 'inbound' AS direction,
             CASE WHEN iface <> '' THEN 'I=' || iface ELSE 'P=' || coalesce(nullif(regexp_replace(proto, 's$', ''), ''), 'smtp') END AS connector,
             CASE WHEN x <> '' THEN ${tlsLabel('x')} WHEN length(proto) > 4 AND proto LIKE '%s' THEN 'unknown-version' ELSE 'none' END AS tls,
             bytes
      FROM arrivals
      WHERE ip <> '' AND rest NOT LIKE '% A=%' AND NOT (length(proto) > 5 AND proto LIKE '%a')
        AND NOT (ip LIKE '127.%' OR ip = '::1')),
    outbound AS (
      SELECT min(day) AS day, 'outbound' AS direction,
             any_value('R=' || regexp_extract(rest, ' R=(\\S+)', 1) || ' T=' || regexp_extract(rest, ' T=(\\S+)', 1)) AS connector,
             any_value(CASE WHEN x <> '' THEN ${tlsLabel('x')} ELSE 'none' END) AS tls, id
      FROM x WHERE flag = '=>' AND ip <> '' AND NOT (ip LIKE '127.%' OR ip = '::1')
      GROUP BY id, ip),
    m AS (SELECT day, direction, connector, tls, bytes FROM inbound
          UNION ALL SELECT o.day, o.direction, o.connector, o.tls, s.bytes FROM outbound o LEFT JOIN sizes s USING (id))
    SELECT day, direction, connector, tls, count(*) AS messages, sum(coalesce(bytes, 0)) AS bytes FROM m GROUP BY ALL`];
  }
  throw new Error(`no query for ${kind}`);
}
