#include "pantau/records/endpoint.h"

namespace pantau::records {

const Endpoint* find_endpoint(std::string_view platform, std::string_view name) {
  if (name.empty()) return nullptr;  // foreign formats name none
  for (const Endpoint& e : kEndpoints) {
    if (e.name == name && e.platform == platform) return &e;
  }
  return nullptr;
}

EndpointRole endpoint_role(std::string_view platform, std::string_view name) {
  const Endpoint* e = find_endpoint(platform, name);
  return e == nullptr ? EndpointRole::kUnknown : e->role;
}

bool is_gone_status(std::string_view platform, std::string_view name, int64_t status) {
  const Endpoint* e = find_endpoint(platform, name);
  if (e == nullptr || status <= 0) return false;
  for (int16_t s : e->gone_statuses) {
    if (s == status) return true;
  }
  return false;
}

bool is_builtin_adapter(std::string_view platform, std::string_view adapter) {
  return !platform.empty() && adapter == platform;
}

}  // namespace pantau::records
