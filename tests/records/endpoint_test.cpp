#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <utility>

#include "pantau/records/endpoint.h"

using namespace pantau::records;

TEST_CASE("every endpoint is named once per platform", "[endpoint]") {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const Endpoint& e : kEndpoints) {
    INFO(e.platform << " " << e.name);
    CHECK(seen.insert({e.platform, e.name}).second);
    CHECK(e.role != EndpointRole::kUnknown);
    // Only lookups by id have "not there" statuses.
    if (e.role != EndpointRole::kPostsById) CHECK(e.gone_statuses[0] == 0);
  }
}

TEST_CASE("roles are looked up by platform and endpoint", "[endpoint]") {
  CHECK(endpoint_role("youtube", endpoint::kYoutubeChannels) == EndpointRole::kAccountLookup);
  CHECK(endpoint_role("x", endpoint::kXUsersByUsername) == EndpointRole::kAccountLookup);
  CHECK(endpoint_role("mastodon", endpoint::kMastodonLookup) == EndpointRole::kAccountLookup);
  CHECK(endpoint_role("youtube", endpoint::kYoutubePlaylistItems) == EndpointRole::kPostIndex);
  // The same name on another platform is another endpoint.
  CHECK(endpoint_role("x", endpoint::kMastodonLookup) == EndpointRole::kUnknown);
  CHECK(endpoint_role("youtube", "") == EndpointRole::kUnknown);
}

TEST_CASE("a lookup's 'not there' statuses", "[endpoint]") {
  CHECK(is_gone_status("mastodon", endpoint::kMastodonStatus, 404));
  CHECK(is_gone_status("mastodon", endpoint::kMastodonStatus, 410));
  CHECK(is_gone_status("mastodon", endpoint::kMastodonStatus, 403));
  CHECK_FALSE(is_gone_status("mastodon", endpoint::kMastodonStatus, 429));
  CHECK(is_gone_status("facebook", endpoint::kFacebookPostsById, 400));
  CHECK_FALSE(is_gone_status("facebook", endpoint::kFacebookPagePosts, 404));
  CHECK_FALSE(is_gone_status("x", endpoint::kXTweets, 404));
  CHECK(is_builtin_adapter("youtube", "youtube"));
  CHECK_FALSE(is_builtin_adapter("youtube", "command:yt-dlp"));
}
