// Writing one CSV cell safely: RFC 4180 quoting, and formula neutralisation so that text from a
// log (a connector or host name) cannot become a live formula when the file is opened in a
// spreadsheet (OWASP "CSV injection").
#pragma once

#include <string>
#include <string_view>

namespace mailflow {

// Appends `text` as one cell: a leading = + - @ TAB or CR gets a single quote in front (the cell
// then reads as text), and the cell is quoted when it holds the delimiter, a quote, CR or LF, with
// quotes doubled. Use for text only: numbers written by us need neither.
void append_csv_cell(std::string& out, std::string_view text, char delimiter = ',');
std::string csv_cell(std::string_view text, char delimiter = ',');

}  // namespace mailflow
