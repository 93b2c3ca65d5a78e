#include "pantau/classify/labels.h"

namespace pantau::classify {

std::optional<size_t> label_index(std::string_view id) {
  for (size_t i = 0; i < kLabelIds.size(); ++i) {
    if (kLabelIds[i] == id) return i;
  }
  return std::nullopt;
}

bool is_known_role(std::string_view role) {
  for (auto r : kRoles) {
    if (r == role) return true;
  }
  return false;
}

}  // namespace pantau::classify
