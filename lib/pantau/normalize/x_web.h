// X's web GraphQL tweet objects (what the x.com web app loads, and what Zeeschuimer captures
// from it) -> posts.
#pragma once

#include "pantau/normalize/mapping.h"

namespace pantau::normalize {

// Reads one tweet result: {"__typename":"Tweet", "rest_id", "core":{"user_results":{"result":
// {"rest_id", "legacy"|"core":{"screen_name","name"}}}}, "legacy":{"full_text","created_at",
// counts, "entities", "extended_entities", "in_reply_to_status_id_str", "quoted_status_id_str",
// "retweeted_status_result":{"result":{tweet}}}, "note_tweet" (the full text of a long post),
// "views":{"count"}}, or a "TweetWithVisibilityResults" wrapping one in "tweet". A retweet
// becomes a repost carrying the original's full text and entities (the "RT @user: ..." text is
// cut at 140 characters).
simdjson::error_code read_x_web_tweet(od::value v, Post& p);

// X's date form, "Wed Oct 10 20:19:24 +0000 2018"; nullopt when `s` is not one.
std::optional<EpochMillis> parse_x_date(std::string_view s);

}  // namespace pantau::normalize
