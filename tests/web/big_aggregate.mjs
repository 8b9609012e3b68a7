// A large organisation's month as one aggregate (schema mailflow.aggregate.v1): `connectors`
// connectors x `days` days x both directions x all 8 TLS states, with random counts and sizes
// (the worst case for compression), and full host sketches (32 hosts per direction, connector and
// TLS state). For measuring the size and the opening time of a saved report.
export function bigAggregate({ connectors = 200, days = 30, hostsPerGroup = 32 } = {}) {
  const tls = ['none', 'ssl3', '1.0', '1.1', '1.2', '1.3', 'unknown-version', 'no-data'];
  let seed = 42;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const names = Array.from({ length: connectors }, (_, i) => `Connector ${String(i).padStart(3, '0')} partner-${i}.example`).sort();
  const rows = [];
  for (let d = 1; d <= days; d++) {
    const day = new Date(Date.UTC(2026, 9, d)).toISOString().slice(0, 10);
    for (const direction of ['inbound', 'outbound'])
      for (const connector of names)
        for (const t of tls) {
          const messages = 1 + rnd(20000);
          rows.push({ day, direction, connector, tls: t, messages, bytes: messages * (20000 + rnd(60000)) });
        }
  }
  const remote_hosts = [];
  for (const direction of ['inbound', 'outbound'])
    for (const connector of names)
      for (const t of tls) {
        const hosts = [];
        for (let k = 0; k < hostsPerGroup; k++) hosts.push({ host: `mx${rnd(5000)}.host${rnd(3000)}.example.com`, messages: 100000 - k * 997, error: rnd(5) });
        remote_hosts.push({ direction, connector, tls: t, hosts });
      }
  const sources = [{ name: 'month.csv', format: 'mailflow-csv', format_name: 'mailflow CSV', records: rows.length,
    messages: rows.reduce((n, r) => n + r.messages, 0), skipped: 0, skipped_by_reason: {}, problems: [], notes: [] }];
  return { schema: 'mailflow.aggregate.v1', sources, rows, remote_hosts };
}
