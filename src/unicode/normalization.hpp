// Unicode Normalization Form C (UAX #15) for Unicode 17.0. Pure functions: no I/O.
#pragma once

#include <string>
#include <string_view>

namespace somepost::unicode {

/// NFC quick check (UAX #15 §9): true when `text` (UTF-8) is certainly in NFC, i.e. every
/// code point has NFC_Quick_Check=Yes and canonical combining classes never decrease
/// between non-starters. False means "No or Maybe": the caller must normalize to know.
/// Ill-formed bytes count as U+FFFD (which is NFC), so ill-formed text can pass although
/// to_nfc would still replace those bytes. O(n), allocation-free, never throws.
[[nodiscard]] bool is_nfc_quick(std::string_view text) noexcept;

/// Returns the NFC form of `text` (UTF-8). Fast path: when `text` is well-formed and the
/// quick check says Yes, the result is `text` itself, with nothing copied; otherwise the normalized text is written
/// into `storage` (replacing its contents) and a view of `storage` is returned, valid
/// while `storage` lives unchanged. Ill-formed bytes are passed through as U+FFFD.
/// Throws only std::bad_alloc.
[[nodiscard]] std::string_view to_nfc(std::string_view text, std::string& storage);

/// Convenience: the NFC form of `text` as a new string (always copies).
[[nodiscard]] std::string nfc(std::string_view text);

/// NFC of a sequence of code points (used by the conformance test and by callers that
/// already hold UTF-32). Values that are not scalar values are replaced by U+FFFD.
[[nodiscard]] std::u32string nfc(std::u32string_view text);

}  // namespace somepost::unicode
