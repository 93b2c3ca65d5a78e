// Bluesky AppView app.bsky.feed.getPosts (up to 25 at:// URIs per request; native_id
// "did/rkey" is at://did/app.bsky.feed.post/rkey). getPosts leaves out what it cannot show and
// says nothing more: a missing post is deleted (its record removed, or its account deactivated
// or taken down, which the AppView does not tell apart here). A repost ("did/rkey/repost/
// reposter-did") is looked up as the post it reposts.
#include "pantau/fetch/lookup.h"
#include "pantau/fetch/url.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

// "did/rkey" of a post or of the post a repost reposts.
std::string_view post_of(std::string_view native_id) {
  return native_id.substr(0, native_id.find("/repost/"));
}

std::string at_uri(std::string_view native_id) {
  native_id = post_of(native_id);
  const size_t slash = native_id.find('/');
  if (slash == std::string_view::npos) return std::string(native_id);
  return "at://" + std::string(native_id.substr(0, slash)) + "/app.bsky.feed.post/" +
         std::string(native_id.substr(slash + 1));
}

class BlueskyLookup : public Lookup {
 public:
  std::string_view platform() const override { return "bluesky"; }
  size_t batch_limit() const override { return 25; }

  ApiCall call(const std::vector<RecheckItem>& items, const TaskConfig& config) const override {
    QueryParams q;
    for (const auto& it : items) q.emplace_back("uris", at_uri(it.native_id));
    ApiCall c;
    c.endpoint = records::endpoint::kBlueskyPosts;
    c.url = config.base_url + "/xrpc/app.bsky.feed.getPosts?" + build_query(q);
    return c;
  }

  std::string match_key(std::string_view native_id) const override {
    return std::string(post_of(native_id));
  }

  Verdict missing(const RecheckItem& /*item*/, const simdjson::dom::element* /*body*/,
                  const HttpResponse& /*response*/) const override {
    return {PostStatus::kDeleted,
            "not returned by getPosts: deleted, or its account deactivated or taken down"};
  }
};

}  // namespace

std::unique_ptr<Lookup> make_bluesky_lookup() { return std::make_unique<BlueskyLookup>(); }

}  // namespace pantau::fetch
