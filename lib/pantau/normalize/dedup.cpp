#include "pantau/normalize/dedup.h"

#include "pantau/hash.h"

namespace pantau::normalize {

uint64_t hash_id(std::string_view id) {
  uint64_t h = fnv1a64(id);
  // splitmix64's finalizer.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h == 0 ? 1 : h;  // 0 marks an empty slot
}

bool IdSet::insert(std::string_view id) {
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const uint64_t h = hash_id(id);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (slots_[i] == h) return false;
    if (slots_[i] == 0) {
      slots_[i] = h;
      ++size_;
      return true;
    }
  }
}

void IdSet::grow() {
  std::vector<uint64_t> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  for (uint64_t h : old) {
    if (h == 0) continue;
    size_t i = h & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = h;
  }
}

}  // namespace pantau::normalize
