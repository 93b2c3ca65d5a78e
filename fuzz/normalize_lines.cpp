// pantau-normalize over NDJSON: raw records of every platform, foreign formats (detected per
// line), passthrough records. No input may end the run (an exception escaping is a crash here).
#include "fuzz_support.h"
#include "pantau/normalize/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > pantau::fuzz::kMaxInput) return 0;
  pantau::normalize::NormalizeOptions opts;
  opts.dedup = true;
  pantau::normalize::RecordNormalizer n(opts);
  std::string out;
  pantau::fuzz::for_each_line(pantau::fuzz::as_text(data, size), size_t{1} << 20,
                              [&](const pantau::Line& line) {
                                out.clear();
                                (void)n.normalize_line(line, &out);
                              });
  return 0;
}
