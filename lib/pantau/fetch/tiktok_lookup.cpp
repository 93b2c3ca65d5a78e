// TikTok Research API video/query by id: {"query":{"and":[{"operation":"IN","field_name":
// "video_id","field_values":[ids]}]}} (up to 100 ids, max_count 100, 1 of the project's 1000
// daily requests), with the fields the crawl asks for. The query needs a date window, and a
// video id carries its creation time in its upper 32 bits (seconds), so ids are batched by that
// UTC day and asked for in the window of that day and the next. The API only returns public
// videos and says nothing of the others: a video it leaves out is not_visible (deleted, made
// private or taken down; it does not say which).
#include <charconv>

#include "pantau/fetch/lookup.h"
#include "pantau/json_writer.h"

namespace pantau::fetch {
namespace {

constexpr int64_t kDayMs = 86400000;
constexpr std::string_view kVideoPath =
    "/v2/research/video/query/?fields=id,video_description,create_time,region_code,share_count,"
    "view_count,like_count,comment_count,music_id,hashtag_names,username,effect_ids,playlist_id,"
    "voice_to_text,is_stem_verified,video_duration";

// The UTC day (days since 1970) a video id was created on, or -1.
int64_t day_of_id(std::string_view id) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
  if (ec != std::errc() || p != id.data() + id.size()) return -1;
  const auto secs = static_cast<int64_t>(v >> 32);
  return secs > 0 ? secs / 86400 : -1;
}

std::string yyyymmdd(int64_t day) {
  std::string d = format_date(day * kDayMs);
  std::string out;
  for (char c : d) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

class TiktokLookup : public Lookup {
 public:
  std::string_view platform() const override { return "tiktok"; }
  size_t batch_limit() const override { return 100; }
  // Ids are JSON integers, some past what a DOM parser reads: the answer is left to normalize.
  bool json() const override { return false; }
  std::string group_of(const RecheckItem& item) const override {
    return std::to_string(day_of_id(item.native_id));
  }

  ApiCall call(const std::vector<RecheckItem>& items, const TaskConfig& config) const override {
    int64_t day = day_of_id(items.front().native_id);
    if (day < 0) day = config.now / kDayMs;
    std::string body;
    JsonWriter w(&body);
    w.begin_object();
    w.key("query");
    w.begin_object();
    w.key("and");
    w.begin_array();
    w.begin_object();
    w.field("operation", "IN");
    w.field("field_name", "video_id");
    w.key("field_values");
    w.begin_array();
    for (const auto& it : items) w.string(it.native_id);
    w.end_array();
    w.end_object();
    w.end_array();
    w.end_object();
    w.field("start_date", yyyymmdd(day));
    w.field("end_date", yyyymmdd(day + 1));
    w.field("max_count", int64_t{100});
    w.end_object();
    ApiCall c;
    c.endpoint = "video_query";
    c.method = "POST";
    c.url = config.base_url + std::string(kVideoPath);
    c.headers.emplace_back("content-type", "application/json");
    c.body = std::move(body);
    c.units = 1;
    return c;
  }

  Verdict missing(const RecheckItem& /*item*/, const simdjson::dom::element* /*body*/,
                  const HttpResponse& /*response*/) const override {
    return {PostStatus::kNotVisible,
            "not returned by the Research API: deleted, private or taken down (it does not say "
            "which)"};
  }
};

}  // namespace

std::unique_ptr<Lookup> make_tiktok_lookup() { return std::make_unique<TiktokLookup>(); }

}  // namespace pantau::fetch
