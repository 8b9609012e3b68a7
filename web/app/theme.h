// Light and dark themes and the colours of the TLS states (the same in every chart and table).
#pragma once

#include "imgui.h"
#include "model/tls_version.h"

namespace mfapp {

void apply_theme(bool dark, float scale);
ImU32 tls_color(mailflow::TlsVersion v);
ImU32 inbound_color();
ImU32 outbound_color();
ImU32 accent_color();
ImU32 warning_color();
ImU32 error_color();
ImU32 muted_text_color();
ImU32 card_bg_color();

}  // namespace mfapp
