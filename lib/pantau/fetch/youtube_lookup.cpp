// YouTube Data API v3 videos.list by id (up to 50 ids, 1 quota unit), with the parts the
// crawl asks for plus "status". videos.list leaves out every id it will not show, and does not
// say why: deleted and private videos look the same, so a missing video is not_visible (the
// reason says that it may be deleted). A video it does return with status.uploadStatus
// "deleted" is deleted; "rejected" is not_visible, or account_gone when the rejection reason is
// the uploader's account being closed or suspended.
#include "pantau/fetch/lookup.h"
#include "pantau/fetch/url.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

// The string at `e[key]`, or "" when there is none.
std::string_view string_at(simdjson::dom::element e, std::string_view key) {
  std::string_view s;
  return e[key].get_string().get(s) ? std::string_view() : s;
}

class YoutubeLookup : public Lookup {
 public:
  std::string_view platform() const override { return "youtube"; }
  size_t batch_limit() const override { return 50; }

  ApiCall call(const std::vector<RecheckItem>& items, const TaskConfig& config) const override {
    std::string ids;
    for (const auto& it : items) ids += (ids.empty() ? "" : ",") + it.native_id;
    ApiCall c;
    c.endpoint = records::endpoint::kYoutubeVideos;
    c.units = 1;
    c.url = config.base_url + "/videos?" +
            build_query({{"part", "snippet,statistics,contentDetails,status"},
                         {"id", ids},
                         {"maxResults", "50"}});
    return c;
  }

  Verdict missing(const RecheckItem& /*item*/, const simdjson::dom::element* /*body*/,
                  const HttpResponse& /*response*/) const override {
    return {PostStatus::kNotVisible,
            "not returned by videos.list: deleted or private (the API does not say which)"};
  }

  std::optional<Verdict> returned(const RecheckItem& item,
                                  const simdjson::dom::element* body) const override {
    simdjson::dom::array items;
    if (body == nullptr || (*body)["items"].get_array().get(items)) return std::nullopt;
    for (simdjson::dom::element v : items) {
      std::string_view id, upload, rejection, privacy;
      if (v["id"].get_string().get(id) || id != item.native_id) continue;
      simdjson::dom::element st;
      if (!v["status"].get(st)) {
        upload = string_at(st, "uploadStatus");
        rejection = string_at(st, "rejectionReason");
        privacy = string_at(st, "privacyStatus");
      }
      if (upload == "deleted") return Verdict{PostStatus::kDeleted, "uploadStatus: deleted"};
      if (upload == "rejected") {
        const std::string why = "uploadStatus: rejected (" + std::string(rejection) + ")";
        if (rejection == "uploaderAccountClosed" || rejection == "uploaderAccountSuspended") {
          return Verdict{PostStatus::kAccountGone, why};
        }
        return Verdict{PostStatus::kNotVisible, why};
      }
      if (privacy == "private") return Verdict{PostStatus::kNotVisible, "privacyStatus: private"};
      return std::nullopt;
    }
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<Lookup> make_youtube_lookup() { return std::make_unique<YoutubeLookup>(); }

}  // namespace pantau::fetch
