// TikTok Research API video/query by id: {"query":{"and":[{"operation":"IN","field_name":
// "video_id","field_values":[ids]}]}} (up to 100 ids, max_count 100, 1 of the project's 1000
// daily requests), with the fields the crawl asks for. The query needs a date window, and a
// video id carries its creation time in its upper 32 bits (seconds), so ids are batched by that
// UTC day and asked for in the window of that day and the next. The API only returns public
// videos and says nothing of the others: a video it leaves out is not_visible (deleted, made
// private or taken down; it does not say which).
#include <charconv>

#include "pantau/fetch/lookup.h"
#include "pantau/fetch/tiktok_query.h"
#include "pantau/json_writer.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

constexpr int64_t kDayMs = 86400000;

// The UTC day (days since 1970) a video id was created on, or -1.
int64_t day_of_id(std::string_view id) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
  if (ec != std::errc() || p != id.data() + id.size()) return -1;
  const auto secs = static_cast<int64_t>(v >> 32);
  return secs > 0 ? secs / 86400 : -1;
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
    std::vector<std::string> ids;
    ids.reserve(items.size());
    for (const auto& it : items) ids.push_back(it.native_id);
    std::string body;
    JsonWriter w(&body);
    begin_video_query(w, "video_id", ids, day, day + 1, 100);
    w.end_object();
    ApiCall c;
    c.endpoint = records::endpoint::kTiktokVideoQuery;
    c.method = "POST";
    c.url = config.base_url + std::string(kTikTokVideoPath);
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
