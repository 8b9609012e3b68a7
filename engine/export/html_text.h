// Text from the logs (connector and host names, file names) written into HTML: as element text or
// attribute values, and JSON embedded in a <script type="application/json"> element, so that a
// connector named "</script><script>alert(1)</script>" stays text wherever it ends up.
#pragma once

#include <string>
#include <string_view>

namespace mailflow {

// & < > " ' as character references; bytes that are not UTF-8 and C0 controls (but TAB, LF) as
// U+FFFD. Safe in element text and in quoted attribute values.
void append_html_text(std::string& out, std::string_view text);
std::string html_text(std::string_view text);

// JSON text made safe inside a <script> element: < > & and U+2028/U+2029 become \u003c, \u003e,
// \u0026, \u2028, \u2029. In valid JSON these appear only inside strings, where the escapes mean
// the same characters, so any JSON parser reads the same value back.
std::string json_for_script(std::string_view json);

}  // namespace mailflow
