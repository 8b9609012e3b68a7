// The partners view and the what-if as text for a terminal (`mailflow partners`, `mailflow report
// --min-tls`), in English or German.
#pragma once

#include <string>

#include "report/partners.h"
#include "text/language.h"

namespace mailflow::shell {

std::string partners_text(const PartnersView& view, Language language);
std::string what_if_text(const WhatIf& result, Language language);

}  // namespace mailflow::shell
