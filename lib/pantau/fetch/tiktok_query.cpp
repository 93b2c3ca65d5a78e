#include "pantau/fetch/tiktok_query.h"

#include "pantau/time.h"

namespace pantau::fetch {

std::string tiktok_date(int64_t day) {
  std::string out;
  for (char c : format_date(day * 86400000)) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

void begin_video_query(JsonWriter& w, std::string_view field,
                       const std::vector<std::string>& values, int64_t start_day, int64_t end_day,
                       int64_t max_count) {
  w.begin_object();
  w.key("query");
  w.begin_object();
  w.key("and");
  w.begin_array();
  w.begin_object();
  w.field("operation", "IN");
  w.field("field_name", field);
  w.key("field_values");
  w.begin_array();
  for (const auto& v : values) w.string(v);
  w.end_array();
  w.end_object();
  w.end_array();
  w.end_object();
  w.field("start_date", tiktok_date(start_day));
  w.field("end_date", tiktok_date(end_day));
  w.field("max_count", max_count);
}

}  // namespace pantau::fetch
