// Data files embedded in the binary at build time (CMakeLists.txt, somepost_embed).
#pragma once

#include <string_view>

namespace somepost::core {

/// The exact bytes of data/platforms.json as it was when the binary was built.
[[nodiscard]] std::string_view embedded_platforms_json();

/// The exact bytes of data/catalogues/mielenterveysvaalit-2022.json, the default kit.
[[nodiscard]] std::string_view embedded_default_catalogue();

}  // namespace somepost::core
