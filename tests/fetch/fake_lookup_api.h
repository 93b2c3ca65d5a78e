// FakeLookupApi: the lookup-by-id endpoints a recheck uses (lib/pantau/fetch/*_lookup.cpp), for
// FakePlatformServer to answer with (install serve() from a fault handler), built from each
// API's documented schema. Every id is answered by one rule, so that a test knows what to
// expect of any id: the number in it (an X id, the digits ending a YouTube id, a Mastodon
// status id, a Bluesky record key) modulo 10 is its fate:
//   0-5 present (text "post N"), 6 edited (text "post N (diedit)"), 7 deleted, 8 private,
//   9 account gone.
//
//   GET /2/tweets?ids=a,b             X: "data" for 0-6, "errors" problems for 7 (not found),
//                                     8 (not authorized), 9 (suspended author)
//   GET /videos?id=a,b                YouTube: items for 0-6 and 9 (upload rejected,
//                                     uploaderAccountSuspended); 7 and 8 left out
//   GET /api/v1/statuses/ID           Mastodon: 200 for 0-6; 404 for 7 and 8; 410 for 9
//   GET /xrpc/app.bsky.feed.getPosts  Bluesky: posts for 0-6, the rest left out
//   GET /s/CHANNEL?before=N           Telegram: a t.me/s page (like tests/fixtures/api/telegram/
//                                     tme_s_page.html) of messages N-20..N-1 that are 0-6; a
//                                     CHANNEL starting with "gone" redirects (no preview)
//   POST /v2/research/video/query/    TikTok: the videos of the body's video_id IN list that are
//                                     0-6 (with a client-credentials token from
//   POST /v2/oauth/token/             any key and secret)
//   GET /?ids=ID                      Facebook (Graph): {"ID": {post}} for 0-6; 7 Graph error
//                                     803 (no such id); 8 and 9 error 100 subcode 33, 9's
//                                     message echoing the access_token it was sent
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace pantau::fetch::test {

enum class Fate { kPresent, kEdited, kDeleted, kPrivate, kGone };

// The fate of an id by the rule above (the last run of digits in it).
Fate fate_of(std::string_view native_id);
// The text a post had when it was first fetched ("post N").
std::string original_text(std::string_view native_id);

// Answers a lookup request; false for any other path.
bool serve_lookup(const httplib::Request& req, httplib::Response& res);

}  // namespace pantau::fetch::test
