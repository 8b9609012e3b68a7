// The message catalogue: English engine texts rendered in German with their figures written the
// German way, plurals that agree with their counts in both languages, and stable codes.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "formats/format_reader.h"
#include "text/messages.h"

namespace mailflow {
namespace {

std::string de(std::string_view english) { return render_message(english, Language::De); }
std::string en(std::string_view english) { return render_message(english, Language::En); }

TEST(Messages, TextsWithoutParametersTranslateWhole) {
  EXPECT_EQ(de("unreadable date"), "unlesbares Datum");
  EXPECT_EQ(de("Exim main log"), "Exim-Hauptprotokoll");
  EXPECT_EQ(en("unreadable date"), "unreadable date");
}

TEST(Messages, ParametersKeepTheirTextAndFiguresFollowTheLanguage) {
  EXPECT_EQ(de("unreadable timestamp \"20.11.2026 25:00\""), "unlesbarer Zeitstempel \"20.11.2026 25:00\"");
  EXPECT_EQ(de("TLS joined from the SMTP protocol logs for 1234 of 1500 messages (82%): 1000 by session id, 234 by "
               "connector, remote IP and time; 266 stay 'no TLS data'"),
            "TLS aus den SMTP-Protokollen für 1.234 von 1.500 Nachrichten übernommen (82 %): 1.000 über die "
            "Sitzungs-ID, 234 über Connector, IP des Partners und Zeit; 266 bleiben 'keine TLS-Daten'");
  // A note no small log gives (the corpus's catalogue test cannot meet it).
  EXPECT_EQ(de("12345 smtpd sessions or queued messages were still open after tens of thousands of newer ones and "
               "were not kept; some TLS versions or sizes may be missing"),
            "12.345 smtpd-Sitzungen oder eingereihte Nachrichten waren nach Zehntausenden neuerer noch offen und "
            "wurden nicht behalten; einige TLS-Versionen oder Größen können fehlen");
  EXPECT_EQ(de("70000 processes or queue ids were not kept after tens of thousands of newer ones; a message "
               "delivered after that may lack its TLS version or size"),
            "70.000 Prozesse oder Queue-IDs wurden nach Zehntausenden neuerer nicht behalten; eine danach "
            "zugestellte Nachricht kann ohne ihre TLS-Version oder Größe sein");
}

// A reason listed with its values left out (SourceReport::kMaxValuesPerReason) is still a text of
// the catalogue, in German too.
TEST(Messages, ValuesLeftOutKeepTheTemplate) {
  EXPECT_EQ(without_values("size \"x1\" is not a whole number of bytes"), "size \"...\" is not a whole number of bytes");
  EXPECT_EQ(without_values("date 4/31/2026 is not a valid date in the file's date order"),
            "date .../.../... is not a valid date in the file's date order");
  EXPECT_EQ(without_values("unreadable date"), std::nullopt);
  EXPECT_EQ(without_values("no template says this"), std::nullopt);
  EXPECT_EQ(de("size \"...\" is not a whole number of bytes"), "Größe \"...\" ist keine ganze Anzahl Bytes");
}

TEST(Messages, InsightSentencesRenderTheirNestedPhrases) {
  EXPECT_EQ(de("No TLS is over 25%"), "Mehr als 25 % ohne TLS");
  EXPECT_EQ(de("31.3% of inbound mail through connector \"Partner, inbound\" had no TLS (1,310 of 4,185 messages "
               "with TLS data, 2026-11-14 to 2026-11-20)."),
            "31,3 % der eingehenden Nachrichten über Connector \"Partner, inbound\" hatten kein TLS (1.310 von 4.185 "
            "Nachrichten mit TLS-Daten, 14.11.2026 bis 20.11.2026).");
  EXPECT_EQ(de("The TLS-protected share of outbound mail without a connector fell from 99.0% (on 2026-11-14) to "
               "80.5% (on 2026-11-16)."),
            "Der TLS-geschützte Anteil der ausgehenden Nachrichten ohne Connector fiel von 99,0 % (am 14.11.2026) auf "
            "80,5 % (am 16.11.2026).");
}

TEST(Messages, PluralsAgreeWithTheirCountInBothLanguages) {
  EXPECT_EQ(de("an mbox of 1 e-mails"), "eine mbox mit 1 E-Mail");
  EXPECT_EQ(en("an mbox of 1 e-mails"), "an mbox of 1 e-mail");
  EXPECT_EQ(de("an mbox of 5 e-mails"), "eine mbox mit 5 E-Mails");
  EXPECT_EQ(de("TLS-RPT counts sessions, not messages: 1 report with 1 sessions, 0 of them failed"),
            "TLS-RPT zählt Sitzungen, keine Nachrichten: 1 Bericht mit 1 Sitzung, davon 0 fehlgeschlagen");
  EXPECT_EQ(de("TLS-RPT counts sessions, not messages: 21 reports with 8525 sessions, 23 of them failed"),
            "TLS-RPT zählt Sitzungen, keine Nachrichten: 21 Berichte mit 8.525 Sitzungen, davon 23 fehlgeschlagen");
  EXPECT_EQ(en("1 SMTP receive sessions: 1 without TLS"), "1 SMTP receive session: 1 without TLS");
  EXPECT_EQ(de("2 SMTP receive sessions: 1 without TLS, 1 TLS 1.2"),
            "2 SMTP-Empfangssitzungen: 1 ohne TLS, 1 TLS 1.2");
}

TEST(Messages, ListsOfFormatNamesAreTranslatedNameByName) {
  EXPECT_EQ(de("binary data, not a text export; mailflow reads Exim main log, TLS-RPT report e-mail (.eml, mbox, "
               "maildir), mailflow CSV"),
            "Binärdaten, kein Textexport; mailflow liest Exim-Hauptprotokoll, TLS-RPT-Berichts-E-Mail (.eml, mbox, "
            "maildir), mailflow-CSV");
}

TEST(Messages, UnknownTextsHaveNoCodeAndStayEnglish) {
  EXPECT_FALSE(translate_message("a text no reader writes", Language::De));
  EXPECT_EQ(de("a text no reader writes"), "a text no reader writes");
  EXPECT_EQ(message_code("a text no reader writes"), "");
  // A phrase placeholder only takes a text of the catalogue: no template swallows unknown text.
  EXPECT_FALSE(translate_message("not a format mailflow reads: something new", Language::De));
}

TEST(Messages, CodesAreStable) {
  EXPECT_EQ(message_code("unreadable date"), "skip.unreadable_date");
  EXPECT_EQ(message_code("unreadable timestamp \"x\""), "skip.unreadable_timestamp");
  EXPECT_EQ(message_code("line of another program (dovecot)"), "skip.other_program_named");
}

// The placeholders of a template ("{n}", "{p2}", plural choices by their count's name).
std::multiset<std::string> placeholders(std::string_view pattern) {
  std::multiset<std::string> names;
  for (size_t open = pattern.find('{'); open != std::string_view::npos; open = pattern.find('{', open + 1)) {
    const std::string_view inside = pattern.substr(open + 1, pattern.find('}', open) - open - 1);
    if (inside.find('|') == std::string_view::npos) names.insert(std::string(inside));
  }
  return names;
}

TEST(Messages, TheCatalogueIsConsistent) {
  std::set<std::string_view> codes;
  for (const MessageTemplate& t : message_catalogue()) {
    SCOPED_TRACE(std::string(t.code));
    EXPECT_TRUE(codes.insert(t.code).second) << "code used twice";
    EXPECT_FALSE(t.english.empty());
    EXPECT_FALSE(t.german.empty());
    // German uses each parameter of the English once, and no other.
    EXPECT_EQ(placeholders(t.english), placeholders(t.german));
  }
}

TEST(Messages, EveryFormatNameHasAGermanName) {
  for (const FormatInfo* format : all_formats()) {
    SCOPED_TRACE(std::string(format->name));
    const auto german = translate_message(format->name, Language::De);
    ASSERT_TRUE(german);
    EXPECT_NE(*german, format->name);
  }
}

TEST(Language, FromTheLocaleEnvironment) {
  EXPECT_EQ(language_from_locale(nullptr, nullptr, "de_DE.UTF-8"), Language::De);
  EXPECT_EQ(language_from_locale(nullptr, nullptr, "en_US.UTF-8"), Language::En);
  EXPECT_EQ(language_from_locale("C", nullptr, "de_DE.UTF-8"), Language::En);  // LC_ALL wins
  EXPECT_EQ(language_from_locale("", "de_AT", "en_GB"), Language::De);        // empty is unset
  EXPECT_EQ(language_from_locale(nullptr, nullptr, nullptr), Language::En);
  EXPECT_EQ(language_from_name("de"), Language::De);
  EXPECT_EQ(language_from_name("en"), Language::En);
  EXPECT_FALSE(language_from_name("fr"));
}

}  // namespace
}  // namespace mailflow
