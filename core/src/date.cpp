#include "date.hpp"

namespace postrender::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// A small cursor over the text; every reader returns false without moving on failure.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  // Between min_digits and max_digits decimal digits.
  bool number(int min_digits, int max_digits, int& value) {
    std::size_t start = pos_;
    value = 0;
    while (pos_ - start < static_cast<std::size_t>(max_digits) && is_digit(peek())) {
      value = value * 10 + (text_[pos_] - '0');
      ++pos_;
    }
    if (pos_ - start < static_cast<std::size_t>(min_digits)) {
      pos_ = start;
      return false;
    }
    return true;
  }

  std::string_view digits() {
    std::size_t start = pos_;
    while (is_digit(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  std::size_t skip_blanks() {
    std::size_t start = pos_;
    while (is_blank(peek())) ++pos_;
    return pos_ - start;
  }

  bool word(std::string_view w) {
    if (text_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

void append_padded(std::string& out, int value, int width) {
  std::string digits = std::to_string(value);
  if (digits.size() < static_cast<std::size_t>(width)) out.append(width - digits.size(), '0');
  out += digits;
}

std::string_view trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string normalize_date(std::string_view text) {
  Cursor in(trim(text));
  int year = 0, month = 0, day = 0;
  if (!in.number(4, 4, year) || !in.accept('-') || !in.number(1, 2, month) || !in.accept('-') ||
      !in.number(1, 2, day)) {
    return "";
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return "";

  std::string out;
  append_padded(out, year, 4);
  out += '-';
  append_padded(out, month, 2);
  out += '-';
  append_padded(out, day, 2);
  if (in.at_end()) return out;

  // Time: `T` or blanks, then H:MM[:SS[.fraction]].
  if (!in.accept('T') && !in.accept('t') && in.skip_blanks() == 0) return "";
  int hour = 0, minute = 0, second = 0;
  if (!in.number(1, 2, hour) || !in.accept(':') || !in.number(2, 2, minute)) return "";
  std::string_view fraction;
  if (in.accept(':')) {
    if (!in.number(2, 2, second)) return "";
    if (in.accept('.')) {
      fraction = in.digits();
      if (fraction.empty()) return "";
    }
  }
  // 60 is a leap second, which ISO 8601 allows.
  if (hour > 23 || minute > 59 || second > 60) return "";
  out += 'T';
  append_padded(out, hour, 2);
  out += ':';
  append_padded(out, minute, 2);
  out += ':';
  append_padded(out, second, 2);
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }

  // Zone, optionally after blanks (YAML 1.1 timestamps and Ruby's Time.parse both allow them).
  in.skip_blanks();
  if (in.at_end()) return out;
  if (in.accept('Z') || in.accept('z') || in.word("UTC") || in.word("GMT")) {
    out += 'Z';
  } else {
    char sign = in.peek();
    if (sign != '+' && sign != '-') return "";
    in.accept(sign);
    int offset_hours = 0, offset_minutes = 0;
    if (!in.number(1, 2, offset_hours)) return "";
    if (in.accept(':')) {
      if (!in.number(2, 2, offset_minutes)) return "";
    } else if (is_digit(in.peek()) && !in.number(2, 2, offset_minutes)) {
      return "";
    }
    if (offset_hours > 23 || offset_minutes > 59) return "";
    out += sign;
    append_padded(out, offset_hours, 2);
    out += ':';
    append_padded(out, offset_minutes, 2);
  }
  return in.at_end() ? out : "";
}

}  // namespace postrender::detail
