// A t.me/s/<channel> page, both readers: fetch-accounts' (gumbo, after the depth estimate)
// and normalize's (the class scanner, through a raw record).
#include "pantau/fetch/telegram_page.h"
#include "fuzz_support.h"
#include "raw_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > pantau::fuzz::kMaxInput) return 0;
  const std::string_view html = pantau::fuzz::as_text(data, size);
  (void)pantau::fetch::parse_telegram_page(html);

  pantau::fuzz::normalize_raw_record("telegram", "channel_page", "telegram", html);
  return 0;
}
