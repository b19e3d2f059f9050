#include "stable_order.hpp"

#include <algorithm>
#include <utility>

namespace postrender::detail {

std::vector<std::uint32_t> stable_order(const std::vector<std::uint64_t>& keys) {
  // (key, index) pairs are all distinct, so an unstable sort of them is a stable sort of keys.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> tagged(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) tagged[i] = {keys[i], static_cast<std::uint32_t>(i)};
  std::sort(tagged.begin(), tagged.end());
  std::vector<std::uint32_t> order(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) order[i] = tagged[i].second;
  return order;
}

}  // namespace postrender::detail
