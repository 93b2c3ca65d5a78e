// IdSet: the post ids a run has written, for --dedup.
//
// Ids are kept as 64-bit hashes in an open-addressing table (linear probing, between a quarter
// and half full), so memory is 16-32 bytes per id whatever the id's length: 16-32 MiB per
// million ids (48 MiB for a moment while the table doubles). Two different ids collide with
// probability about n^2 / 2^65 (under 3e-8 for a million ids); a collision drops one post, which
// --dedup's documentation states.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace pantau::normalize {

class IdSet {
 public:
  // Adds `id`; returns false when it was already there.
  bool insert(std::string_view id);
  size_t size() const { return size_; }
  // Bytes of table memory in use.
  size_t memory_bytes() const { return slots_.capacity() * sizeof(uint64_t); }

 private:
  void grow();
  std::vector<uint64_t> slots_;  // 0 = empty
  size_t size_ = 0;
};

// A 64-bit hash of the id (FNV-1a, then a final mix so nearby ids spread over the table). Earlier
// versions started FNV from a mistyped basis (its last digit lost); these hashes live for one run
// only, so the fix changes no output beyond which pairs of ids would collide (see above).
uint64_t hash_id(std::string_view id);

}  // namespace pantau::normalize
