// The TikTok Research API's video query, shared by the crawl (tiktok_adapter.cpp: by username)
// and the recheck (tiktok_lookup.cpp: by video id): one path, one date form, one body shape.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/json_writer.h"

namespace pantau::fetch {

inline constexpr std::string_view kTikTokVideoPath =
    "/v2/research/video/query/?fields=id,video_description,create_time,region_code,share_count,"
    "view_count,like_count,comment_count,music_id,hashtag_names,username,effect_ids,playlist_id,"
    "voice_to_text,is_stem_verified,video_duration";

// "YYYYMMDD" of a UTC day number (days since 1970-01-01).
std::string tiktok_date(int64_t day);

// Writes {"query":{"and":[{"operation":"IN","field_name":FIELD,"field_values":VALUES}]},
// "start_date","end_date","max_count" and leaves the object open for the caller's own members.
void begin_video_query(JsonWriter& w, std::string_view field,
                       const std::vector<std::string>& values, int64_t start_day, int64_t end_day,
                       int64_t max_count);

}  // namespace pantau::fetch
