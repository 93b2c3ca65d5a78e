// Sharding a registry across machines or scheduled jobs without coordination: an account
// belongs to shard K of N when its key's stable hash says so. The hash (64-bit FNV-1a of the key
// bytes) is part of the interface and never changes, so every job agrees on the split.
#pragma once

#include <cstdint>
#include <string_view>

#include "pantau/hash.h"
#include "pantau/result.h"

namespace pantau::fetch {

struct Shard {
  uint32_t index = 1;  // 1-based K
  uint32_t count = 1;  // N
};

// Parses "K/N" with 1 <= K <= N.
Result<Shard> parse_shard(std::string_view text);

// True when `key` belongs to `shard` (always true for 1/1).
inline bool in_shard(std::string_view key, const Shard& shard) {
  return shard.count <= 1 || pantau::fnv1a64(key) % shard.count == shard.index - 1;
}

}  // namespace pantau::fetch
