#pragma once
// Locale-independent number text, without iostreams: the host program may have called
// setlocale(), and iostreams would pull ~90 KB of locale code into the wasm module.
#include <string>
#include <string_view>

namespace postrender::detail {

// Reads a decimal floating-point text ([-+]digits[.digits][e[-+]digits]) as the nearest double.
// Out of range: +-infinity for large magnitudes, +-0 for tiny ones.
double parse_double(std::string_view text);

// printf's "%.{precision}g" in the C locale ("3.5", never "3,5").
std::string format_double_g(double value, int precision);

// Whether `text` (from format_double_g) reads back as `value`, exactly as istream >> double
// decided it before: libstdc++ reads an overflow as the largest double, libc++ keeps strtod's
// value whatever errno says.
bool reads_back_as(std::string_view text, double value);

}  // namespace postrender::detail
