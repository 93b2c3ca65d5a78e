// The accounts registry: CSV (long and wide sheets, any header spelling) or NDJSON.
#include "pantau/fetch/registry.h"
#include "fuzz_support.h"

namespace {

class Visitor final : public pantau::fetch::RegistryVisitor {
 public:
  void account(pantau::fetch::Account) override {}
  bool error(std::string_view, int64_t, std::string_view) override { return true; }
  void passthrough(const pantau::Line&) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > pantau::fuzz::kMaxInput) return 0;
  const std::string path =
      pantau::fuzz::scratch_file("registry.csv", pantau::fuzz::as_text(data, size));
  Visitor v;
  pantau::fetch::RegistryOptions opts;
  opts.max_line_bytes = 1 << 20;
  (void)pantau::fetch::read_registry({path}, opts, v);
  return 0;
}
