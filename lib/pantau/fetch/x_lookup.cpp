// X API v2 posts lookup, GET /2/tweets?ids=... (up to 100 ids), with the fields the timeline
// asks for. X answers HTTP 200 with the posts it can show in "data" and one problem per other
// id in "errors" (resource_id, type, title, detail):
//   .../problems/resource-not-found            the post is deleted          -> deleted
//   .../problems/not-authorized-for-resource   a protected or suspended author's post: X's detail
//                                              says "suspended" for the latter -> account_gone,
//                                              else not_visible
// An id that is neither returned nor named in "errors" is unknown. An edited X post keeps its id
// with the text it had (the edit is a new post), so "edited" shows only where X changes a
// post's text in place.
#include "pantau/fetch/lookup.h"
#include "pantau/fetch/url.h"
#include "pantau/fetch/x_fields.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

// The string at `e[key]`, or "" when there is none.
std::string_view string_at(simdjson::dom::element e, std::string_view key) {
  std::string_view s;
  return e[key].get_string().get(s) ? std::string_view() : s;
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

class XLookup : public Lookup {
 public:
  std::string_view platform() const override { return "x"; }
  size_t batch_limit() const override { return 100; }

  ApiCall call(const std::vector<RecheckItem>& items, const TaskConfig& config) const override {
    std::string ids;
    for (const auto& it : items) ids += (ids.empty() ? "" : ",") + it.native_id;
    ApiCall c;
    c.endpoint = records::endpoint::kXTweets;
    c.url = config.base_url + "/2/tweets?" +
            build_query({{"ids", ids},
                         {"tweet.fields", x_fields::kTweetFields},
                         {"expansions", x_fields::kExpansions},
                         {"media.fields", x_fields::kMediaFields},
                         {"user.fields", x_fields::kUserFields}});
    return c;
  }

  Verdict missing(const RecheckItem& item, const simdjson::dom::element* body,
                  const HttpResponse& /*response*/) const override {
    simdjson::dom::array errors;
    if (body == nullptr || (*body)["errors"].get_array().get(errors)) {
      return {PostStatus::kUnknown, "not returned by the lookup, and no error given"};
    }
    for (simdjson::dom::element e : errors) {
      std::string_view rid, type, title, detail;
      if (e["resource_id"].get_string().get(rid) && e["value"].get_string().get(rid)) continue;
      if (rid != item.native_id) continue;
      type = string_at(e, "type");
      title = string_at(e, "title");
      detail = string_at(e, "detail");
      std::string reason(title);
      if (!detail.empty()) reason += (reason.empty() ? "" : ": ") + std::string(detail);
      if (contains(detail, "suspended") || contains(title, "suspended")) {
        return {PostStatus::kAccountGone, reason};
      }
      if (contains(type, "resource-not-found")) return {PostStatus::kDeleted, reason};
      if (contains(type, "not-authorized") || contains(title, "Forbidden") ||
          contains(title, "Authorization")) {
        return {PostStatus::kNotVisible, reason};
      }
      return {PostStatus::kUnknown, reason};
    }
    return {PostStatus::kUnknown, "not returned by the lookup, and no error given"};
  }
};

}  // namespace

std::unique_ptr<Lookup> make_x_lookup() { return std::make_unique<XLookup>(); }

}  // namespace pantau::fetch
