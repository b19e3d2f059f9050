#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "postrender/value.hpp"

using postrender::Value;

TEST_SUITE("value") {
  TEST_CASE("a default Value is null and each constructor gives its kind") {
    CHECK(Value().is_null());
    CHECK(Value(nullptr).is_null());
    CHECK(Value(true).is_bool());
    CHECK(Value(42).is_integer());
    CHECK(Value(std::int64_t{1} << 40).as_integer() == (std::int64_t{1} << 40));
    CHECK(Value(3.5).is_float());
    CHECK(Value("text").is_string());
    CHECK(Value(std::string("text")).as_string() == "text");
    CHECK(Value(Value::Sequence{1, 2}).is_sequence());
    CHECK(Value(Value::Mapping{{"a", 1}}).is_mapping());
  }

  TEST_CASE("scalars convert to text; null and containers give empty text") {
    CHECK(Value(true).to_text() == "true");
    CHECK(Value(false).to_text() == "false");
    CHECK(Value(-17).to_text() == "-17");
    CHECK(Value(std::numeric_limits<std::int64_t>::min()).to_text() == "-9223372036854775808");
    CHECK(Value("조달청").to_text() == "조달청");
    CHECK(Value().to_text() == "");
    CHECK(Value(Value::Sequence{1, 2}).to_text() == "");
    CHECK(Value(Value::Mapping{{"a", 1}}).to_text() == "");
  }

  TEST_CASE("floats print in the shortest form that reads back the same") {
    CHECK(Value(3.5).to_text() == "3.5");
    CHECK(Value(0.1).to_text() == "0.1");
    CHECK(Value(1.0).to_text() == "1");
    CHECK(Value(-2.25).to_text() == "-2.25");
    CHECK(Value(1e100).to_text() == "1e+100");
    CHECK(Value(0.1 + 0.2).to_text() == "0.30000000000000004");
    CHECK(Value(std::numeric_limits<double>::infinity()).to_text() == ".inf");
    CHECK(Value(-std::numeric_limits<double>::infinity()).to_text() == "-.inf");
    CHECK(Value(std::numeric_limits<double>::quiet_NaN()).to_text() == ".nan");
  }

  TEST_CASE("equality compares kind and content") {
    CHECK(Value(1) == Value(1));
    CHECK(Value(1) != Value(2));
    CHECK(Value(1) != Value(1.0));  // an integer is not a float
    CHECK(Value("1") != Value(1));
    CHECK(Value() == Value(nullptr));
    CHECK(Value(Value::Sequence{1, "a"}) == Value(Value::Sequence{1, "a"}));
    CHECK(Value(Value::Sequence{1, "a"}) != Value(Value::Sequence{"a", 1}));
    Value nested(Value::Mapping{{"a", Value::Sequence{Value::Mapping{{"b", true}}}}});
    CHECK(nested == Value(Value::Mapping{{"a", Value::Sequence{Value::Mapping{{"b", true}}}}}));
    CHECK(nested != Value(Value::Mapping{{"a", Value::Sequence{Value::Mapping{{"b", false}}}}}));
  }

  TEST_CASE("mappings keep key order, so the same keys in another order are not equal") {
    Value ab(Value::Mapping{{"a", 1}, {"b", 2}});
    Value ba(Value::Mapping{{"b", 2}, {"a", 1}});
    CHECK(ab.as_mapping().front().first == "a");
    CHECK(ab != ba);
  }

  TEST_CASE("NaN is not equal to itself, as in IEEE 754") {
    Value nan(std::numeric_limits<double>::quiet_NaN());
    CHECK(nan != nan);
  }

  TEST_CASE("find looks up mapping keys and returns null for anything else") {
    Value map(Value::Mapping{{"title", "T"}, {"n", 3}});
    REQUIRE(map.find("title") != nullptr);
    CHECK(map.find("title")->as_string() == "T");
    CHECK(map.find("n")->as_integer() == 3);
    CHECK(map.find("missing") == nullptr);
    CHECK(Value("title").find("title") == nullptr);
    CHECK(Value(Value::Sequence{"title"}).find("title") == nullptr);
  }
}
