// The raw record fetch-accounts would write for one response body, run through normalize: shared
// by the harnesses that feed normalize a platform page (normalize_raw, telegram_page).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "pantau/json_writer.h"
#include "pantau/normalize/normalizer.h"
#include "pantau/utf8.h"

namespace pantau::fuzz {

// Arbitrary bytes are made valid UTF-8 first, as fetch-accounts does before a body becomes a JSON
// string.
inline void normalize_raw_record(std::string_view platform, std::string_view endpoint,
                                 std::string_view adapter, std::string_view body) {
  std::string fields[4];
  append_repaired_utf8(platform, &fields[0]);
  append_repaired_utf8(endpoint, &fields[1]);
  append_repaired_utf8(adapter, &fields[2]);
  append_repaired_utf8(body, &fields[3]);
  std::string record;
  JsonWriter w(&record);
  w.begin_object();
  w.field("kind", "raw");
  w.field("platform", fields[0]);
  w.field("adapter", fields[2]);
  w.field("endpoint", fields[1]);
  w.key("status");
  w.number(int64_t{200});
  w.field("body_encoding", "utf-8");
  w.field("body", fields[3]);
  w.end_object();
  normalize::RecordNormalizer n({});
  std::string out;
  for_each_line(record, size_t{1} << 30, [&](const Line& line) {
    out.clear();
    (void)n.normalize_line(line, &out);
  });
}

}  // namespace pantau::fuzz
