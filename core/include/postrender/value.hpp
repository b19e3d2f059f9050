#pragma once
// Value: the typed tree that front matter parses into (YAML 1.2 core schema types).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace postrender {

class Value {
 public:
  enum class Kind { null, boolean, integer, floating, string, sequence, mapping };
  using Sequence = std::vector<Value>;
  // Key order is kept as written; keys are unique (a repeated key keeps the last value).
  using Mapping = std::vector<std::pair<std::string, Value>>;

  Value() = default;  // null
  Value(std::nullptr_t) {}
  Value(bool b) : data_(b) {}
  Value(int i) : data_(static_cast<std::int64_t>(i)) {}
  Value(std::int64_t i) : data_(i) {}
  Value(double d) : data_(d) {}
  Value(const char* s) : data_(std::string(s)) {}
  Value(std::string s) : data_(std::move(s)) {}
  Value(Sequence s) : data_(std::move(s)) {}
  Value(Mapping m) : data_(std::move(m)) {}

  Kind kind() const noexcept { return static_cast<Kind>(data_.index()); }
  bool is_null() const noexcept { return kind() == Kind::null; }
  bool is_bool() const noexcept { return kind() == Kind::boolean; }
  bool is_integer() const noexcept { return kind() == Kind::integer; }
  bool is_float() const noexcept { return kind() == Kind::floating; }
  bool is_string() const noexcept { return kind() == Kind::string; }
  bool is_sequence() const noexcept { return kind() == Kind::sequence; }
  bool is_mapping() const noexcept { return kind() == Kind::mapping; }

  // Accessors: precondition is the matching kind (checked with std::get).
  bool as_bool() const { return std::get<bool>(data_); }
  std::int64_t as_integer() const { return std::get<std::int64_t>(data_); }
  double as_float() const { return std::get<double>(data_); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const Sequence& as_sequence() const { return std::get<Sequence>(data_); }
  Sequence& as_sequence() { return std::get<Sequence>(data_); }
  const Mapping& as_mapping() const { return std::get<Mapping>(data_); }
  Mapping& as_mapping() { return std::get<Mapping>(data_); }

  // Mapping lookup; returns nullptr when this is not a mapping or the key is absent.
  const Value* find(std::string_view key) const noexcept;

  // Scalars as text (bool "true"/"false", numbers as written by to_json); "" for null,
  // sequences and mappings.
  std::string to_text() const;

  friend bool operator==(const Value& a, const Value& b) { return a.data_ == b.data_; }
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Sequence, Mapping> data_{nullptr};
};

}  // namespace postrender
