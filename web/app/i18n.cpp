// English and German. The English text is the key (so a missing translation shows English), the
// table below gives the German of the UI's own labels. The engine's texts (skip reasons, notes,
// errors, format names, insight sentences, hints) have their own catalogue (text/messages.h),
// rendered by tr_engine(). Numbers, percentages and days follow the language's conventions
// (report/number_format.h).
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "app/app.h"
#include "report/number_format.h"
#include "text/messages.h"

namespace mfapp {
namespace {

const std::unordered_map<std::string_view, const char*>& german() {
  static const std::unordered_map<std::string_view, const char*> de = {
      {"Outbound and inbound mail flow", "Ausgehender und eingehender E-Mail-Fluss"},
      {"Message protected in transit (by TLS)", "Bei der Übertragung geschützte Nachrichten (TLS)"},
      {"View details", "Details anzeigen"},
      {"Connector report", "Connectorbericht"},
      {"Dashboard", "Dashboard"},
      {"Sources", "Quellen"},
      {"Inbound", "Eingehend"},
      {"Outbound", "Ausgehend"},
      {"messages", "Nachrichten"},
      {"Messages", "Nachrichten"},
      {"TLS protected", "TLS-geschützt"},
      {"Last 7 days", "Letzte 7 Tage"},
      {"Last 30 days", "Letzte 30 Tage"},
      {"All data", "Alle Daten"},
      {"Custom", "Benutzerdefiniert"},
      {"Filter", "Filter"},
      {"From", "Von"},
      {"To", "Bis"},
      {"Apply", "Anwenden"},
      {"Mail flow", "E-Mail-Fluss"},
      {"All mail flow", "Gesamter E-Mail-Fluss"},
      {"TLS usage", "TLS-Nutzung"},
      {"Connector", "Connector"},
      {"Direction", "Richtung"},
      {"Day", "Tag"},
      {"Total", "Gesamt"},
      {"No TLS", "Kein TLS"},
      {"No TLS data", "Keine TLS-Daten"},
      {"TLS, version unknown", "TLS, Version unbekannt"},
      {"(no connector)", "(kein Connector)"},
      {"(unknown connector)", "(unbekannter Connector)"},
      {"Insights", "Erkenntnisse"},
      {"No insights for this range.", "Keine Erkenntnisse für diesen Zeitraum."},
      {"Top remote hosts", "Wichtigste Partner"},
      {"Remote host", "Host des Partners"},
      {"Partner", "Partner"},
      {"(other partners)", "(weitere Partner)"},
      {"(not named by the source)", "(von der Quelle nicht genannt)"},
      {"at most", "höchstens"},
      {"Close", "Schließen"},
      {"Copy", "Kopieren"},
      {"Copied", "Kopiert"},
      {"Open files…", "Dateien öffnen…"},
      {"Example data", "Beispieldaten"},
      {"Save report", "Bericht speichern"},
      {"Export…", "Exportieren…"},
      {"Saved report", "Gespeicherter Bericht"},
      {"Saved", "Gespeichert"},
      {"Save", "Speichern"},
      {"Cancel", "Abbrechen"},
      {"Built from", "Erstellt aus"},
      {"Without remote host names", "Ohne Hostnamen der Partner"},
      {"Drop mail flow exports to add them.", "Mail-Flow-Exporte hier ablegen, um sie hinzuzufügen."},
      {"Connector report (CSV)", "Connectorbericht (CSV)"},
      {"Aggregate (JSON)", "Aggregat (JSON)"},
      {"Chart (PNG)", "Diagramm (PNG)"},
      {"Printable summary (HTML)", "Druckbare Zusammenfassung (HTML)"},
      {"Counts per day, connector and TLS version, with remote host names; no messages, subjects or addresses.",
       "Anzahlen pro Tag, Connector und TLS-Version, mit Hostnamen der Partner; keine Nachrichten, Betreffs oder Adressen."},
      {"Counts per day, connector and TLS version, without remote host names; no messages, subjects or addresses.",
       "Anzahlen pro Tag, Connector und TLS-Version, ohne Hostnamen der Partner; keine Nachrichten, Betreffs oder Adressen."},
      {"One .html file with this dashboard and its data, as you see it now. It opens in any browser, offline, and can be dropped back on mailflow to add more logs.",
       "Eine .html-Datei mit diesem Dashboard und seinen Daten, so wie Sie es jetzt sehen. Sie öffnet sich in jedem Browser, offline, und kann wieder auf mailflow abgelegt werden, um weitere Protokolle hinzuzufügen."},
      {"It holds counts per day, direction, connector and TLS version and the list of source files; never messages, subjects or addresses.",
       "Sie enthält Anzahlen pro Tag, Richtung, Connector und TLS-Version und die Liste der Quelldateien; niemals Nachrichten, Betreffs oder Adressen."},
      {"Drop your mail flow exports anywhere on this page, or open them with Ctrl+O.",
       "Ziehen Sie Ihre Mail-Flow-Exporte auf diese Seite oder öffnen Sie sie mit Strg+O."},
      {"Nothing leaves this computer.", "Nichts verlässt diesen Computer."},
      {"Drop more exports to add them, or", "Weitere Exporte hierher ziehen, um sie hinzuzufügen, oder"},
      {"Show example data", "Beispieldaten anzeigen"},
      {"Clear", "Leeren"},
      {"Cancel", "Abbrechen"},
      {"Reading files", "Dateien werden gelesen"},
      {"queued", "wartet"},
      {"reading", "wird gelesen"},
      {"done", "fertig"},
      {"cancelled", "abgebrochen"},
      {"error", "Fehler"},
      {"File", "Datei"},
      {"Format", "Format"},
      {"Records", "Datensätze"},
      {"Skipped", "Übersprungen"},
      {"Problems", "Probleme"},
      {"Notes", "Hinweise"},
      {"Status", "Status"},
      {"Read", "Gelesen"},
      {"Speed", "Tempo"},
      {"Time left", "Restzeit"},
      {"left", "verbleibend"},
      {"No data loaded yet.", "Noch keine Daten geladen."},
      {"Reports that evaluated the same sessions against several policies of a domain (DANE and MTA-STS) count "
       "them once; the policy column gives each policy's own sessions.",
       "Berichte, die dieselben Sitzungen gegen mehrere Richtlinien einer Domäne geprüft haben (DANE und MTA-STS), "
       "zählen sie einmal; die Richtlinienspalte zeigt die Sitzungen jeder Richtlinie."},
      {"The file could not be read; the Sources list says why.",
       "Die Datei konnte nicht gelesen werden; die Liste der Quellen nennt den Grund."},
      {"of %s with TLS data", "von %s mit TLS-Daten"},
      {"TLS protected: no TLS data", "TLS-geschützt: keine TLS-Daten"},
      {"TLS data for %s of %s messages", "TLS-Daten für %s von %s Nachrichten"},
      {"%s of %s without TLS data", "%s von %s ohne TLS-Daten"},
      {"No mail in this range.", "Keine E-Mails in diesem Zeitraum."},
      {"Drop mail flow exports here", "Mail-Flow-Exporte hier ablegen"},
      {"Per day", "Pro Tag"},
      {"Per TLS version", "Pro TLS-Version"},
      {"Share", "Anteil"},
      {"of messages with TLS data", "Anteil an den Nachrichten mit TLS-Daten"},
      {"shown apart: the source does not say whether TLS was used",
       "separat: die Quelle sagt nicht, ob TLS verwendet wurde"},
      {"Connectors", "Connectors"},
      {"Skipped records by reason", "Übersprungene Datensätze nach Grund"},
      {"Line", "Zeile"},
      {"Reason", "Grund"},
      {"not recognised", "nicht erkannt"},
      {"Theme", "Design"},
      {"Light", "Hell"},
      {"Dark", "Dunkel"},
      {"Language", "Sprache"},
      {"Daily rows", "Tageswerte"},
      {"The data could not be loaded:", "Die Daten konnten nicht geladen werden:"},
      {"Esc closes", "Esc schließt"},
      {"no files", "keine Dateien"},
      {"Range", "Zeitraum"},
      {"days", "Tage"},
      {"day", "Tag"},
      {"message", "Nachricht"},
      {"session", "Sitzung"},
      {"report read", "Bericht gelesen"},
      {"Bytes", "Bytes"},
      {"TLS reports", "TLS-Berichte"},
      {"TLS reports count SMTP sessions, not messages, and carry no TLS version.",
       "TLS-Berichte zählen SMTP-Sitzungen, keine Nachrichten, und enthalten keine TLS-Version."},
      {"No TLS reports loaded.", "Keine TLS-Berichte geladen."},
      {"sessions", "Sitzungen"},
      {"failed", "fehlgeschlagen"},
      {"successful", "erfolgreich"},
      {"reports read", "Berichte gelesen"},
      {"No TLS report sessions in this range.", "Keine Sitzungen aus TLS-Berichten in diesem Zeitraum."},
      {"Sessions per day", "Sitzungen pro Tag"},
      {"Successful sessions", "Erfolgreiche Sitzungen"},
      {"Failed sessions", "Fehlgeschlagene Sitzungen"},
      {"no reports for this day", "keine Berichte für diesen Tag"},
      {"Policy domains", "Richtliniendomänen"},
      {"Policy domain", "Richtliniendomäne"},
      {"Policy types", "Richtlinientypen"},
      {"Sessions", "Sitzungen"},
      {"Successful", "Erfolgreich"},
      {"Failed", "Fehlgeschlagen"},
      {"Success rate", "Erfolgsquote"},
      {"Failure types", "Fehlerarten"},
      {"Sending MTAs and receiving MX: the heaviest over all days of the reports.",
       "Sendende MTAs und empfangende MX: die häufigsten über alle Tage der Berichte."},
      {"Result type", "Ergebnistyp"},
      {"Top sending MTAs", "Häufigste sendende MTAs"},
      {"Top receiving MX", "Häufigste empfangende MX"},
      {"No failed sessions in this range.", "Keine fehlgeschlagenen Sitzungen in diesem Zeitraum."},
      {"Reporting organisations", "Berichtende Organisationen"},
      {"Organisation", "Organisation"},
      {"Reports", "Berichte"},
      {"Reports and organisations: all days of the reports.", "Berichte und Organisationen: alle Tage der Berichte."},
      {"(failure without details)", "(Fehler ohne Details)"},
      {"Policy domains:", "Richtliniendomänen:"},
      {"Entries read as sources of their own", "Einträge, als eigene Quellen gelesen"},
      {"archive with entries", "Archiv mit Einträgen"},
      {"in", "in"},
      {"Postfix, Exim and Sendmail logs: \"connector\" is the MTA's service or transport (smtp, relay, lmtp, ...).",
       "Postfix-, Exim- und Sendmail-Protokolle: \"Connector\" ist dort der Dienst bzw. Transport des MTA (smtp, relay, lmtp, ...)."},
      {"Here \"connector\" means the MTA's service or transport (smtp, relay, lmtp, ...).",
       "Hier bedeutet \"Connector\" den Dienst bzw. Transport des MTA (smtp, relay, lmtp, ...)."},
      // Partners page
      {"Partners", "Partner"},
      {"partner", "Partner"},
      {"partners", "Partner"},
      {"All connectors", "Alle Connectors"},
      {"Both", "Beide"},
      {"Search partners and hosts", "Partner und Hosts suchen"},
      {"TLS version unknown", "TLS-Version unbekannt"},
      {"First day", "Erster Tag"},
      {"Last day", "Letzter Tag"},
      {"Hosts", "Hosts"},
      {"host", "Host"},
      {"hosts", "Hosts"},
      {"Hosts of", "Hosts von"},
      {"match the search", "passen zur Suche"},
      {"Export CSV", "CSV exportieren"},
      {"of this range come from sources that do not name the remote side per message (such as the EAC reports): they are not in this table.",
       "dieses Zeitraums stammen aus Quellen, die den Partner nicht pro Nachricht nennen (etwa die EAC-Berichte): sie fehlen in dieser Tabelle."},
      {"(other partners): the data holds more distinct partners than are counted one by one; "
       "the rest are counted together in the last row.",
       "(weitere Partner): Die Daten enthalten mehr verschiedene Partner, als einzeln gezählt werden; "
       "der Rest ist in der letzten Zeile zusammengefasst."},
      {"This report was saved without remote partners and host names, so it cannot list partners. "
       "Drop the mail flow exports it was built from to see them.",
       "Dieser Bericht wurde ohne Partner und Hostnamen gespeichert und kann daher keine Partner auflisten. "
       "Legen Sie die Mail-Flow-Exporte ab, aus denen er erstellt wurde, um sie zu sehen."},
      {"The loaded data names no remote partners: its sources count mail per connector "
       "only (such as the EAC reports), or it was saved without them.",
       "Die geladenen Daten nennen keine Partner: Ihre Quellen zählen E-Mails nur pro Connector "
       "(etwa die EAC-Berichte), oder sie wurden ohne Partner gespeichert."},
      {"What if a TLS policy were enforced?", "Was wäre, wenn eine TLS-Richtlinie erzwungen würde?"},
      {"Policy", "Richtlinie"},
      {"Off", "Aus"},
      {"Require TLS", "TLS verlangen"},
      {"Require TLS 1.2 or later", "TLS 1.2 oder höher verlangen"},
      {"Require TLS 1.3", "TLS 1.3 verlangen"},
      {"Choose a policy to see which mail of this range it would have refused, and from whom.",
       "Wählen Sie eine Richtlinie, um zu sehen, welche E-Mails dieses Zeitraums sie abgelehnt hätte und von wem."},
      {"Would be refused", "Würde abgelehnt"},
      {"Would pass", "Würde angenommen"},
      {"Cannot tell", "Nicht feststellbar"},
      {"Cannot tell: messages without TLS data; never counted as passing or failing.",
       "Nicht feststellbar: Nachrichten ohne TLS-Daten; nie als angenommen oder abgelehnt gezählt."},
      {"Cannot tell: messages without TLS data or with TLS of unknown version; never counted as passing or failing.",
       "Nicht feststellbar: Nachrichten ohne TLS-Daten oder mit TLS unbekannter Version; nie als angenommen oder abgelehnt gezählt."},
      {"Partners whose mail would be refused", "Partner, deren E-Mails abgelehnt würden"},
      {"Export contact list", "Kontaktliste exportieren"},
      {"Worst TLS", "Schwächstes TLS"},
      {"Last seen", "Zuletzt gesehen"},
      {"Without remote partners and host names", "Ohne Partner und Hostnamen"},
      {"heaviest hosts listed; the CSV export has them all.", "häufigste Hosts aufgeführt; der CSV-Export enthält alle."},
      // Sources, progress, banner
      {"Extended report", "Extended-Bericht"},
      {"Extended reports", "Extended-Berichte"},
      {"enhanced summary report", "erweiterter Zusammenfassungsbericht"},
      {"enhanced summary reports", "erweiterte Zusammenfassungsberichte"},
      {"message trace", "Nachrichtenablaufverfolgung"},
      {"message traces", "Nachrichtenablaufverfolgungen"},
      {"message trace (JSON)", "Nachrichtenablaufverfolgung (JSON)"},
      {"message traces (JSON)", "Nachrichtenablaufverfolgungen (JSON)"},
      {"trace detail", "Ablaufdetail"},
      {"trace details", "Ablaufdetails"},
      {"trace detail (JSON)", "Ablaufdetail (JSON)"},
      {"trace details (JSON)", "Ablaufdetails (JSON)"},
      {"EAC report", "EAC-Bericht"},
      {"EAC reports", "EAC-Berichte"},
      {"tracking log", "Nachrichtenverfolgungsprotokoll"},
      {"tracking logs", "Nachrichtenverfolgungsprotokolle"},
      {"protocol log", "SMTP-Protokoll"},
      {"protocol logs", "SMTP-Protokolle"},
      {"mailflow CSV", "mailflow-CSV"},
      {"mailflow CSVs", "mailflow-CSVs"},
      {"Postfix log", "Postfix-Protokoll"},
      {"Postfix logs", "Postfix-Protokolle"},
      {"Exim log", "Exim-Protokoll"},
      {"Exim logs", "Exim-Protokolle"},
      {"Sendmail log", "Sendmail-Protokoll"},
      {"Sendmail logs", "Sendmail-Protokolle"},
      {"TLS report", "TLS-Bericht"},
      {"TLS report e-mail", "TLS-Bericht-E-Mail"},
      {"TLS report e-mails", "TLS-Bericht-E-Mails"},
      {"unreadable file", "nicht lesbare Datei"},
      {"unreadable files", "nicht lesbare Dateien"},
      {"report", "Bericht"},
      {"reports", "Berichte"},
      {"see TLS reports", "siehe TLS-Berichte"},
      {"an archive: its files are listed under it", "ein Archiv: seine Dateien stehen darunter"},
      {"counted from another file first (the same message ids)", "zuerst aus einer anderen Datei gezählt (dieselben Nachrichten-IDs)"},
      {"sessions, joined into the tracking log", "Sitzungen, mit dem Nachrichtenverfolgungsprotokoll verknüpft"},
      {"no data rows", "keine Datenzeilen"},
      {"every record skipped (see its details)", "alle Datensätze übersprungen (siehe Details)"},
      {"no messages", "keine Nachrichten"},
      {"Days", "Tage"},
      {"Files", "Dateien"},
      {"file", "Datei"},
      {"files", "Dateien"},
      {"of", "von"},
      {"Cancel all", "Alle abbrechen"},
      {"Show files", "Dateien anzeigen"},
      {"Hide files", "Dateien ausblenden"},
      {"Counts per day, connector and TLS version, with remote partners and host names; no messages, subjects or addresses.",
       "Anzahlen pro Tag, Connector und TLS-Version, mit Partnern und Hostnamen; keine Nachrichten, Betreffs oder Adressen."},
      {"Counts per day, connector and TLS version, without remote partners and host names; no messages, subjects or addresses.",
       "Anzahlen pro Tag, Connector und TLS-Version, ohne Partner und Hostnamen; keine Nachrichten, Betreffs oder Adressen."},
      {"failed session", "fehlgeschlagene Sitzung"},
      {"failed sessions", "fehlgeschlagene Sitzungen"},
      {"to", "zu"},
      {"counted by", "gezählt von"},
      // end: Sources, progress, banner
  };
  return de;
}

bool german_ui() { return state().lang == Lang::De; }

}  // namespace

const char* tr(const char* english) {
  if (!german_ui()) return english;
  const auto& de = german();
  auto it = de.find(english);
  return it == de.end() ? english : it->second;
}

mailflow::Language ui_language() { return german_ui() ? mailflow::Language::De : mailflow::Language::En; }

const std::string& tr_engine(const std::string& english) {
  // Rendered once per text and language: the views ask for the same texts every frame.
  static std::unordered_map<std::string, std::string> cache[2];
  auto& rendered = cache[german_ui() ? 1 : 0];
  auto it = rendered.find(english);
  if (it == rendered.end()) it = rendered.emplace(english, mailflow::render_message(english, ui_language())).first;
  return it->second;
}

std::string fmt_count(uint64_t n) { return mailflow::format_count(n, ui_language()); }

std::string fmt_plural(uint64_t n, const char* one, const char* many) {
  return mailflow::format_plural(n, tr(one), tr(many), ui_language());
}

std::string fmt_percent(std::optional<double> share, int decimals) {
  if (!share) return "–";
  return mailflow::format_percent(share, decimals, ui_language());
}

std::string fmt_bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) {
    bytes /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  std::string s = buf;
  if (german_ui())
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

std::string fmt_day(mailflow::Day day) { return mailflow::format_day(day, ui_language()); }

std::string fmt_day_text(const std::string& iso_day) {
  const auto day = mailflow::parse_day(iso_day);
  return day ? fmt_day(*day) : iso_day;
}

std::string fmt_day_short(mailflow::Day day) {
  auto c = mailflow::civil_from_day(day);
  char buf[16];
  if (german_ui()) std::snprintf(buf, sizeof buf, "%02d.%02d.", c.day, c.month);
  else std::snprintf(buf, sizeof buf, "%02d-%02d", c.month, c.day);
  return buf;
}

std::string direction_label(mailflow::Direction d) {
  return tr(d == mailflow::Direction::Inbound ? "Inbound" : "Outbound");
}

std::string tls_label(mailflow::TlsVersion v) {
  using mailflow::TlsVersion;
  switch (v) {
    case TlsVersion::None: return tr("No TLS");
    case TlsVersion::Ssl3: return "SSL 3.0";
    case TlsVersion::Tls10: return "TLS 1.0";
    case TlsVersion::Tls11: return "TLS 1.1";
    case TlsVersion::Tls12: return "TLS 1.2";
    case TlsVersion::Tls13: return "TLS 1.3";
    case TlsVersion::UnknownVersion: return tr("TLS, version unknown");
    case TlsVersion::NoData: return tr("No TLS data");
  }
  return "?";
}

}  // namespace mfapp
