// A t.me/s/<channel> page, both readers: fetch-accounts' (gumbo, after the depth estimate)
// and normalize's (the class scanner, through a raw record).
#include "pantau/fetch/telegram_page.h"
#include "fuzz_support.h"
#include "pantau/json_writer.h"
#include "pantau/normalize/normalizer.h"
#include "pantau/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > pantau::fuzz::kMaxInput) return 0;
  const std::string_view html = pantau::fuzz::as_text(data, size);
  (void)pantau::fetch::parse_telegram_page(html);

  std::string body;
  pantau::append_repaired_utf8(html, &body);
  std::string record;
  pantau::JsonWriter w(&record);
  w.begin_object();
  w.field("kind", "raw");
  w.field("platform", "telegram");
  w.field("adapter", "telegram");
  w.field("endpoint", "channel_page");
  w.field("body", body);
  w.end_object();
  pantau::normalize::RecordNormalizer n({});
  std::string out;
  pantau::fuzz::for_each_line(record, size_t{1} << 30, [&](const pantau::Line& line) {
    out.clear();
    (void)n.normalize_line(line, &out);
  });
  return 0;
}
