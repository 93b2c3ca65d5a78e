// The fields and expansions pantau asks X API v2 for, wherever it asks for posts (the timeline
// in x_adapter.cpp, the lookup by id in x_lookup.cpp): what pantau-normalize maps.
#pragma once

namespace pantau::fetch::x_fields {

inline constexpr const char* kTweetFields =
    "attachments,author_id,conversation_id,created_at,edit_history_tweet_ids,entities,"
    "in_reply_to_user_id,lang,note_tweet,public_metrics,referenced_tweets";
inline constexpr const char* kExpansions =
    "attachments.media_keys,author_id,referenced_tweets.id,referenced_tweets.id.author_id";
inline constexpr const char* kMediaFields =
    "alt_text,duration_ms,height,media_key,preview_image_url,public_metrics,type,url,variants,"
    "width";
inline constexpr const char* kUserFields =
    "created_at,description,id,name,profile_image_url,protected,public_metrics,username,verified";

}  // namespace pantau::fetch::x_fields
