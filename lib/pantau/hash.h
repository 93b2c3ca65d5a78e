// One non-cryptographic hash for the whole project: 64-bit FNV-1a (Fowler, Noll, Vo), with its
// published constants defined here once. Stable across machines and runs, so what depends on it
// (fetch's --shard split, the classifier's feature buckets) may rely on its values: never change
// them. For content addresses use sha256.h.
#pragma once

#include <cstdint>
#include <string_view>

namespace pantau {

inline constexpr uint64_t kFnv1a64Offset = 14695981039346656037ULL;  // 0xcbf29ce484222325
inline constexpr uint64_t kFnv1a64Prime = 1099511628211ULL;          // 0x100000001b3

// FNV-1a over `bytes`, starting from `basis` (FNV's offset basis unless a caller has its own).
constexpr uint64_t fnv1a64(std::string_view bytes, uint64_t basis = kFnv1a64Offset) {
  uint64_t h = basis;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnv1a64Prime;
  }
  return h;
}

}  // namespace pantau
