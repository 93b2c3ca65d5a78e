// Endpoint: the names pantau-fetch-accounts writes in a raw record's "endpoint" (pantau-records(5),
// RAW RECORDS), and the role each plays, so that normalize decides by role and not by spelling.
//
// The adapters (lib/pantau/fetch/*_adapter.cpp, *_lookup.cpp) name their calls with these
// constants; normalize looks a raw record's (platform, endpoint) up in kEndpoints.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace pantau::records {

namespace endpoint {
inline constexpr std::string_view kBlueskyAuthorFeed = "getAuthorFeed";
inline constexpr std::string_view kBlueskyPosts = "getPosts";
inline constexpr std::string_view kFacebookPagePosts = "page_posts";
inline constexpr std::string_view kFacebookPostComments = "post_comments";
inline constexpr std::string_view kFacebookPostsById = "posts_by_id";
inline constexpr std::string_view kInstagramBusinessDiscovery = "business_discovery";
inline constexpr std::string_view kMastodonLookup = "lookup";
inline constexpr std::string_view kMastodonStatuses = "statuses";
inline constexpr std::string_view kMastodonStatus = "status";
inline constexpr std::string_view kTelegramChannelPage = "channel_page";
inline constexpr std::string_view kTiktokVideoQuery = "video_query";
inline constexpr std::string_view kTiktokCommentList = "comment_list";
inline constexpr std::string_view kXUsersByUsername = "users_by_username";
inline constexpr std::string_view kXUsersTweets = "users_tweets";
inline constexpr std::string_view kXTweets = "tweets";
inline constexpr std::string_view kYoutubeChannels = "channels";
inline constexpr std::string_view kYoutubePlaylistItems = "playlistItems";
inline constexpr std::string_view kYoutubeVideos = "videos";
inline constexpr std::string_view kYoutubeCommentThreads = "commentThreads";
}  // namespace endpoint

enum class EndpointRole : uint8_t {
  kUnknown,        // no endpoint pantau-fetch-accounts calls (other tools' raw records)
  kAccountLookup,  // resolves a handle to the account: the answer holds no posts
  kPosts,          // a page of an account's posts
  // A page listing posts that pantau's own adapter then asks for in full with the platform's
  // kPostsById endpoint (YouTube playlistItems, followed by videos.list for the same ids): the
  // posts are that answer's, so this page yields none. From other adapters it is a posts page.
  kPostIndex,
  kPostsById,  // posts asked for by id (hydration, fetch-accounts --recheck)
  kComments,   // a page of comments on a post
};

struct Endpoint {
  std::string_view platform;
  std::string_view name;
  EndpointRole role;
  // kPostsById: the HTTP statuses that mean "not there" (deleted, gone, not visible). Such an
  // answer is the status record fetch-accounts writes beside the raw record, not a failed
  // request. 0 fills the unused slots.
  std::array<int16_t, 3> gone_statuses = {};
};

inline constexpr Endpoint kEndpoints[] = {
    {"bluesky", endpoint::kBlueskyAuthorFeed, EndpointRole::kPosts},
    {"bluesky", endpoint::kBlueskyPosts, EndpointRole::kPostsById},
    {"facebook", endpoint::kFacebookPagePosts, EndpointRole::kPosts},
    {"facebook", endpoint::kFacebookPostComments, EndpointRole::kComments},
    // Graph /?ids=ID answers 803 (deleted) or 100/33 (not visible) as 400 or 404; any other
    // refusal already has fetch-accounts' own error record beside it.
    {"facebook", endpoint::kFacebookPostsById, EndpointRole::kPostsById, {400, 404, 0}},
    {"instagram", endpoint::kInstagramBusinessDiscovery, EndpointRole::kPosts},
    {"mastodon", endpoint::kMastodonLookup, EndpointRole::kAccountLookup},
    {"mastodon", endpoint::kMastodonStatuses, EndpointRole::kPosts},
    // statuses/:id: 404 deleted, 410 gone, 403 not visible (mastodon_lookup.cpp).
    {"mastodon", endpoint::kMastodonStatus, EndpointRole::kPostsById, {404, 410, 403}},
    {"telegram", endpoint::kTelegramChannelPage, EndpointRole::kPosts},
    {"tiktok", endpoint::kTiktokVideoQuery, EndpointRole::kPosts},
    {"tiktok", endpoint::kTiktokCommentList, EndpointRole::kComments},
    {"x", endpoint::kXUsersByUsername, EndpointRole::kAccountLookup},
    {"x", endpoint::kXUsersTweets, EndpointRole::kPosts},
    {"x", endpoint::kXTweets, EndpointRole::kPostsById},
    {"youtube", endpoint::kYoutubeChannels, EndpointRole::kAccountLookup},
    {"youtube", endpoint::kYoutubePlaylistItems, EndpointRole::kPostIndex},
    {"youtube", endpoint::kYoutubeVideos, EndpointRole::kPostsById},
    {"youtube", endpoint::kYoutubeCommentThreads, EndpointRole::kComments},
};

// The entry for a raw record's platform and endpoint; nullptr when fetch-accounts has none.
const Endpoint* find_endpoint(std::string_view platform, std::string_view name);
// Its role; kUnknown when fetch-accounts has no such endpoint.
EndpointRole endpoint_role(std::string_view platform, std::string_view name);
// Whether `status` on this endpoint is a "not there" answer to a lookup by id.
bool is_gone_status(std::string_view platform, std::string_view name, int64_t status);
// Whether a raw record's adapter is pantau-fetch-accounts' built-in one for its platform (named
// after the platform), not an external collector ("command:NAME") or another tool.
bool is_builtin_adapter(std::string_view platform, std::string_view adapter);

}  // namespace pantau::records
