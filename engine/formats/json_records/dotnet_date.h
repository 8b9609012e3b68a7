// The date .NET's JSON serializers write: `"\/Date(1763626502000)\/"`, milliseconds since
// 1970-01-01 UTC, sometimes with the writer's offset after them (`\/Date(1763626502000+0100)\/`),
// which does not change the instant. Windows PowerShell 5.1's ConvertTo-Json writes every DateTime
// so, and the Reporting Web Service's OData v2 JSON too. (After JSON unescaping the text is
// `/Date(...)/`.)
#pragma once

#include <string>
#include <string_view>

namespace mailflow {

// When `text` is such a date, writes it to `iso` as "YYYY-MM-DDTHH:MM:SSZ" and returns true.
bool dotnet_date_to_iso(std::string_view text, std::string& iso);

}  // namespace mailflow
