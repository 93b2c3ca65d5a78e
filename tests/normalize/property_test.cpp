// For every fixture of every format: the posts normalize writes are as many as the items the
// source holds, counted here by an independent reader (simdjson's DOM, with each format's shape
// written out again), so that a regression to "0 posts" (or to fake posts) fails.
#include <catch2/catch.hpp>

#include <functional>

#include "normalize_test_support.h"

namespace pantau::test {
namespace {

using simdjson::dom::element;

size_t size_of(element e) {
  simdjson::dom::array a;
  return e.get_array().get(a) ? 0 : a.size();
}
size_t at_size(element doc, const char* pointer) {
  element v;
  return doc.at_pointer(pointer).get(v) ? 0 : size_of(v);
}
// Calls fn(element) for each element of the array at `pointer` (none when it is missing).
template <typename Fn>
void each(element doc, const char* pointer, Fn&& fn) {
  element v;
  simdjson::dom::array a;
  if (doc.at_pointer(pointer).get(v) || v.get_array().get(a)) return;
  for (element e : a) fn(e);
}
bool has(element doc, const char* pointer) {
  element v;
  return !doc.at_pointer(pointer).get(v);
}

// yt-dlp: a video, or a playlist whose entries are videos or playlists again.
size_t ytdlp_videos(element e) {
  if (!has(e, "/entries")) return 1;
  size_t n = 0;
  each(e, "/entries", [&](element entry) {
    if (has(entry, "/entries")) {
      n += ytdlp_videos(entry);
      return;
    }
    std::string_view ie;
    if (!entry.at_key("ie_key").get(ie) && ie.find("Tab") != std::string_view::npos) return;
    ++n;
  });
  return n;
}

// Bluesky getPostThread: every thread view with a post, above and below.
size_t thread_posts(element t) {
  size_t n = has(t, "/post") ? 1 : 0;
  element parent;
  if (!t.at_key("parent").get(parent)) n += thread_posts(parent);
  each(t, "/replies", [&](element r) { n += thread_posts(r); });
  return n;
}

struct Case {
  std::string file;      // under tests/fixtures/api/
  std::string platform;  // a raw record's; empty: the file is foreign input read as it is
  std::string endpoint;
  std::function<size_t(element)> items;  // per JSON document of the file
  std::string adapter = {};              // a raw record's adapter, when not the platform's own
};

std::vector<Case> cases() {
  auto data = [](element d) { return at_size(d, "/data"); };
  auto items = [](element d) { return at_size(d, "/items"); };
  auto array = [](element d) { return size_of(d); };
  auto one = [](element) -> size_t { return 1; };
  auto threads = [](element d) {  // a thread, and its replies
    size_t n = 0;
    each(d, "/items", [&](element t) { n += 1 + at_size(t, "/replies/comments"); });
    return n;
  };
  auto x_page = [](element d) {
    element v;
    if (d.at_key("data").get(v)) return size_t{has(d, "/text") ? 1u : 0u};
    return v.is_array() ? size_of(v) : 1;
  };
  std::vector<Case> c = {
      {"collectors/ytdlp_youtube.json", "", "", ytdlp_videos},
      {"collectors/ytdlp_tiktok.json", "", "", ytdlp_videos},
      {"collectors/ytdlp_flat_playlist_tiktok.json", "", "", ytdlp_videos},
      {"collectors/ytdlp_flat_playlist_youtube.json", "", "", ytdlp_videos},
      {"collectors/ytdlp_playlist_youtube.json", "", "", ytdlp_videos},
      {"collectors/ytdlp_instagram.info.json", "", "", ytdlp_videos},
      {"collectors/ytdlp_facebook.info.json", "", "", ytdlp_videos},
      {"collectors/twarc2_flatten.ndjson", "", "", one},
      {"collectors/zeeschuimer_tiktok.ndjson", "", "", one},
      {"collectors/zeeschuimer_tiktok_mentions.ndjson", "", "", one},
      {"collectors/gallery_dl_x.json", "", "",
       [](element d) {
         size_t n = 0;
         each(d, "", [&](element m) {
           int64_t type = 0;
           n += !m.at(0).get_int64().get(type) && type == 2;
         });
         return n;
       }},
      {"telegram/result.json", "", "",
       [](element d) {
         size_t n = 0;
         each(d, "/messages", [&](element m) {
           std::string_view type;
           n += !m.at_key("type").get(type) && type == "message";
         });
         return n;
       }},
      {"bluesky/marshalx_thread_view_post_with_embed_media.json", "", "",
       [](element d) {
         element t;
         return d.at_key("thread").get(t) ? size_t{0} : thread_posts(t);
       }},
      {"bluesky/author_feed_mixed.json", "bluesky", "getAuthorFeed",
       [](element d) { return at_size(d, "/feed"); }},
      {"bluesky/libphpsky_getAuthorFeed.json", "bluesky", "getAuthorFeed",
       [](element d) { return at_size(d, "/feed"); }},
      {"youtube/videos_list_multi.json", "youtube", "videos", items},
      {"youtube/videos_list_single.json", "youtube", "videos", items},
      {"youtube/videos_list_with_statistics.json", "youtube", "videos", items},
      // pantau's own adapter follows playlistItems with videos.list (mapped there instead).
      {"youtube/playlistItems_page1.json", "youtube", "playlistItems", items, "import"},
      {"youtube/playlistItems_page2.json", "youtube", "playlistItems", items, "import"},
      {"youtube/activities_mixed.json", "youtube", "activities",
       [](element d) {  // only uploads are posts
         size_t n = 0;
         each(d, "/items", [&](element a) { n += has(a, "/contentDetails/upload/videoId"); });
         return n;
       }},
      {"youtube/commentThreads_page1.json", "youtube", "commentThreads", threads},
      {"youtube/commentThreads_page2.json", "youtube", "commentThreads", threads},
      {"meta/fb_page_feed_full_fields_page1.json", "facebook", "page_posts", data},
      {"meta/fb_page_feed_full_fields_page2.json", "facebook", "page_posts", data},
      {"meta/fb_post_comments_page1.json", "facebook", "comments", data},
      {"meta/fb_post_comments_page2.json", "facebook", "comments", data},
      {"meta/ig_business_discovery_media_page1.json", "instagram", "business_discovery",
       [](element d) { return at_size(d, "/business_discovery/media/data"); }},
      {"meta/ig_business_discovery_media_page2.json", "instagram", "business_discovery",
       [](element d) { return at_size(d, "/business_discovery/media/data"); }},
      {"meta/ig_user_media_carousel.json", "instagram", "media", data},
      {"tiktok/video_query_page1.json", "tiktok", "video_query",
       [](element d) { return at_size(d, "/data/videos"); }},
      // (video_query_page2_DERIVED.json has ids above 2^64, which the DOM parser refuses;
      // tiktok_test reads it.)
      {"tiktok/docs_example_video_query.json", "tiktok", "video_query",
       [](element d) { return at_size(d, "/data/videos"); }},
      {"tiktok/comment_list.json", "tiktok", "comment_list",
       [](element d) { return at_size(d, "/data/comments"); }},
      {"mastodon/account_statuses_page1.json", "mastodon", "statuses", array},
      {"mastodon/account_statuses_page2_next.json", "mastodon", "statuses", array},
      {"mastodon/account_statuses_page3_prev.json", "mastodon", "statuses", array},
      {"mastodon/account_statuses_pinned.json", "mastodon", "statuses", array},
      {"mastodon/tag_timeline_page1.json", "mastodon", "statuses", array},
      {"mastodon/tag_timeline_page4_empty.json", "mastodon", "statuses", array},
      {"mastodon/status_reblog.json", "mastodon", "statuses", one},
      {"mastodon/status_with_two_media.json", "mastodon", "statuses", one},
  };
  for (const char* f :
       {"twarc_search_all_one_result.json", "twarc_tweets_lookup_media.json",
        "twarc_tweets_lookup_mentions.json", "twarc_tweets_lookup_quote_edited.json",
        "twarc_users_tweets_expanded_page.json"}) {
    c.push_back({std::string("x/") + f, "x", "users_tweets", x_page});
  }
  return c;
}

TEST_CASE("every fixture: posts written == items the source holds") {
  simdjson::dom::parser parser;
  for (const Case& c : cases()) {
    INFO(c.file);
    const std::string text = fixture(c.file);
    // The independent count: each JSON document of the file (one, or one per line).
    size_t expected = 0;
    simdjson::dom::document_stream docs;
    REQUIRE(!parser.parse_many(text).get(docs));
    for (auto d : docs) {
      element e;
      REQUIRE(!d.get(e));
      expected += c.items(e);
    }
    Run run = c.platform.empty()
                  ? normalize_text(text)
                  : normalize_text(raw_line(c.platform, c.endpoint, text, 200, c.adapter));
    CHECK(run.errors.empty());
    CHECK(count_kind(run, "post") == expected);
  }
}

TEST_CASE("an X users lookup page is no posts, and says so") {
  Run run = normalize_text(
      raw_line("x", "users_lookup", fixture("x/twarc_users_lookup_with_errors.json")));
  CHECK(count_kind(run, "post") == 0);
  REQUIRE(run.errors.size() == 1);
  CHECK(run.errors[0].find("but no post made") != std::string::npos);
}

TEST_CASE("a Mastodon context gives its ancestors and descendants") {
  const std::string status = fixture("mastodon/status_reply.json");
  Run run = normalize_text(
      raw_line("mastodon", "context", "{\"ancestors\": [" + status + "], \"descendants\": []}"));
  CHECK(run.errors.empty());
  CHECK(count_kind(run, "post") == 1);
  Run empty =
      normalize_text(raw_line("mastodon", "context", R"({"ancestors":[],"descendants":[]})"));
  CHECK(empty.errors.empty());
  CHECK(empty.records.empty());
}

}  // namespace
}  // namespace pantau::test
