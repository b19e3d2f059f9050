#pragma once
// Post dates: the timestamps Jekyll accepts, normalised to ISO 8601.
#include <string>
#include <string_view>

namespace postrender::detail {

// Normalises a front matter or file-name date to ISO 8601:
//   "2024-05-01"                    -> "2024-05-01"
//   "2024-5-1 9:05"                 -> "2024-05-01T09:05:00"
//   "2024-05-01T10:20:30Z"          -> "2024-05-01T10:20:30Z"
//   "2024-05-01 10:20:30.25 +0900"  -> "2024-05-01T10:20:30.25+09:00"
// Accepted: a 4-digit year, 1-2 digit month and day, then optionally `T` or blanks, H:MM[:SS[.frac]],
// and optionally (after blanks) `Z`, `UTC`, `GMT` or an offset +H, +HH, +HHMM, +HH:MM.
// Returns "" when `text` is not such a date or names a day that does not exist (2023-02-29).
std::string normalize_date(std::string_view text);

}  // namespace postrender::detail
