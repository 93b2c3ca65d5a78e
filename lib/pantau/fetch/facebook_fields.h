// The fields pantau asks the Graph API for about a Facebook post, wherever it asks (a Page's
// posts in facebook_adapter.cpp, a post by id in facebook_lookup.cpp): what normalize maps.
#pragma once

#include <string_view>

namespace pantau::fetch::facebook_fields {

inline constexpr std::string_view kPostFields =
    "id,message,created_time,permalink_url,attachments{media_type,url,media,title},shares,"
    "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),from,"
    "status_type,story,parent_id";

}  // namespace pantau::fetch::facebook_fields
