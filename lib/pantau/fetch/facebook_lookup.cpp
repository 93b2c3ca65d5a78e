// Facebook posts by id through the Graph API: GET /?ids=ID&fields=... (the crawl's fields; the
// answer is {"ID": {post}}), with the crawl's token and budget. One id per request: Graph fails a
// whole ?ids= batch when one of its ids is gone, which would leave every other id of the batch
// unknown. Graph's error 100 subcode 33 says the object "does not exist, cannot be loaded due to
// missing permissions, or does not support this operation" and so does not tell deleted from
// hidden: not_visible, with Graph's words; 803 (the id does not resolve at all) is deleted.
//
// Instagram has no such lookup: the Graph API reads a media object by id only when it belongs
// to the token's own account, and business_discovery lists recent media without a lookup by id.
#include "pantau/fetch/facebook_fields.h"
#include "pantau/fetch/graph_api.h"
#include "pantau/fetch/lookup.h"
#include "pantau/fetch/url.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

class FacebookLookup : public Lookup {
 public:
  std::string_view platform() const override { return "facebook"; }
  size_t batch_limit() const override { return 1; }

  ApiCall call(const std::vector<RecheckItem>& items, const TaskConfig& config) const override {
    ApiCall c;
    c.endpoint = records::endpoint::kFacebookPostsById;
    c.url = config.base_url + "/?" +
            build_query({{"ids", items.front().native_id},
                         {"fields", std::string(facebook_fields::kPostFields)}});
    return c;
  }

  Verdict missing(const RecheckItem& /*item*/, const simdjson::dom::element* /*body*/,
                  const HttpResponse& /*response*/) const override {
    return {PostStatus::kUnknown, "Graph answered without the post"};
  }

  std::optional<Verdict> failed(const HttpResponse& r) const override {
    auto g = parse_graph_error(r.body);
    if (!g) return std::nullopt;
    std::string reason = "code " + std::to_string(g->code);
    if (g->subcode != 0) reason += "/" + std::to_string(g->subcode);
    reason += ": " + g->message.substr(0, 200);
    if (g->code == 100 && g->subcode == 33) return Verdict{PostStatus::kNotVisible, reason};
    if (g->code == 803) return Verdict{PostStatus::kDeleted, reason};
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<Lookup> make_facebook_lookup() { return std::make_unique<FacebookLookup>(); }

}  // namespace pantau::fetch
