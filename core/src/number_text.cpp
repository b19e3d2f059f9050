#include "number_text.hpp"

#include <cerrno>
#include <charconv>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

namespace postrender::detail {
namespace {

// What istream >> double did on overflow or underflow: the sign and the exponent tell which way.
double out_of_range(std::string_view text) {
  bool negative = !text.empty() && text[0] == '-';
  auto e = text.find_first_of("eE");
  bool tiny = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
  if (tiny) return negative ? -0.0 : 0.0;
  return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
}

}  // namespace

#if defined(__cpp_lib_to_chars)

// libstdc++ (native builds): exact, locale-free conversions.
double parse_double(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);  // from_chars takes no '+'
  double value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error == std::errc::result_out_of_range) return out_of_range(text);
  if (error != std::errc() || end != digits.data() + digits.size()) return 0.0;
  return value;
}

bool reads_back_as(std::string_view text, double value) {
  double back = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), back);
  if (error == std::errc::result_out_of_range) {
    bool negative = !text.empty() && text[0] == '-';
    double tiny = out_of_range(text);
    if (tiny != 0) return value == (negative ? -std::numeric_limits<double>::max() : std::numeric_limits<double>::max());
    return value == 0;
  }
  return error == std::errc() && end == text.data() + text.size() && back == value;
}

std::string format_double_g(double value, int precision) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, precision);
  if (error != std::errc()) return std::string();
  return std::string(buffer, end);
}

#else

// Without floating-point <charconv> (Emscripten 3.1.6's libc++): the C library, with the
// locale's decimal separator swapped for '.' both ways. (musl's is always '.'.)
double parse_double(std::string_view text) {
  const char* point = std::localeconv()->decimal_point;
  std::string local;
  local.reserve(text.size() + 4);
  for (char c : text) {
    if (c == '.' && point && *point) {
      local += point;
    } else {
      local += c;
    }
  }
  char* end = nullptr;
  errno = 0;
  double value = std::strtod(local.c_str(), &end);
  // libc++'s istream >> double failed on any ERANGE, subnormal results included; so do we.
  if (errno == ERANGE) return out_of_range(text);
  if (end != local.c_str() + local.size()) return 0.0;
  return value;
}

bool reads_back_as(std::string_view text, double value) {
  const char* point = std::localeconv()->decimal_point;
  std::string local;
  for (char c : text) {
    if (c == '.' && point && *point) {
      local += point;
    } else {
      local += c;
    }
  }
  return std::strtod(local.c_str(), nullptr) == value;
}

std::string format_double_g(double value, int precision) {
  char buffer[64];
  int n = std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
  if (n < 0 || static_cast<std::size_t>(n) >= sizeof buffer) return std::string();
  std::string out;
  bool in_point = false;
  for (int i = 0; i < n; ++i) {
    char c = buffer[i];
    bool number_char = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E' ||
                       (c >= 'a' && c <= 'z');
    if (number_char) {
      out += c;
      in_point = false;
    } else if (!in_point) {
      out += '.';  // the locale's separator, however many bytes, is one '.'
      in_point = true;
    }
  }
  return out;
}

#endif

}  // namespace postrender::detail
