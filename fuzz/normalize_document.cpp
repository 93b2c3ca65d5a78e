// A foreign format read as one document (--from NAME with a whole file, e.g. a Telegram
// Desktop result.json). The first byte picks the format; the rest is the document.
#include "fuzz_support.h"
#include "pantau/normalize/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > pantau::fuzz::kMaxInput) return 0;
  static const std::vector<std::string> names = pantau::normalize::input_format_names();
  std::vector<pantau::normalize::InputFormat> formats;
  for (const auto& name : names) {
    auto f = pantau::normalize::input_format_from_name(name);
    if (f && *f != pantau::normalize::InputFormat::kAuto) formats.push_back(*f);
  }
  if (formats.empty()) return 0;
  const auto format = formats[data[0] % formats.size()];
  pantau::normalize::RecordNormalizer n({});
  std::string out;
  (void)n.normalize_document(pantau::fuzz::as_text(data + 1, size - 1), format, "fuzz.json", &out);
  return 0;
}
