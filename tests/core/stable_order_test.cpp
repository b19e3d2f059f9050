#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "stable_order.hpp"

using postrender::detail::signed_key;
using postrender::detail::stable_order;

TEST_SUITE("stable_order") {
  TEST_CASE("gives the permutation std::stable_sort applies, equal keys in input order") {
    std::mt19937 random(7);
    for (int round = 0; round < 200; ++round) {
      std::vector<std::uint64_t> keys(random() % 40);
      for (auto& key : keys) key = random() % 6;  // many ties
      std::vector<std::uint32_t> expected(keys.size());
      for (std::uint32_t i = 0; i < expected.size(); ++i) expected[i] = i;
      std::stable_sort(expected.begin(), expected.end(),
                       [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
      CHECK(stable_order(keys) == expected);
    }
  }

  TEST_CASE("an empty list has an empty order") { CHECK(stable_order({}).empty()); }

  TEST_CASE("signed keys order like the signed values") {
    const std::vector<std::int64_t> values = {INT64_MIN, -5, -1, 0, 1, 7, INT64_MAX};
    for (std::size_t i = 0; i + 1 < values.size(); ++i) {
      CHECK(signed_key(values[i]) < signed_key(values[i + 1]));
    }
  }
}
