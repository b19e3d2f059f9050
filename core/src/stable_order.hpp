#pragma once
// One sort shared by every place that needs a stable sort: each std::stable_sort instantiation
// (one per element type and comparator) added about 4.5 KB to the wasm module.
#include <cstdint>
#include <vector>

namespace postrender::detail {

// The indexes of `keys` in ascending key order, equal keys in their original order: the
// permutation a stable sort by these keys would apply.
std::vector<std::uint32_t> stable_order(const std::vector<std::uint64_t>& keys);

// A key that orders like the signed value `v` does (for negative positions and lines).
inline std::uint64_t signed_key(std::int64_t v) {
  return static_cast<std::uint64_t>(v) ^ (std::uint64_t{1} << 63);
}

}  // namespace postrender::detail
