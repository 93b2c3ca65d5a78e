// Fact-check claims (--claims): CSV or NDJSON, picked by the first byte's low bit as the file
// name would pick it; then the claims are shingled as the classifier does.
#include "pantau/classify/claims.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > pantau::fuzz::kMaxInput) return 0;
  const std::string name = (data[0] & 1) ? "claims.csv" : "claims.ndjson";
  auto claims = pantau::classify::parse_claims(pantau::fuzz::as_text(data + 1, size - 1), name);
  if (!claims) return 0;
  std::string json;
  for (const auto& c : *claims) pantau::classify::append_claim_json(c, &json);
  return 0;
}
