// YouTube Data API v3 -> posts.
//
// Endpoints: videos (one video per item, with statistics when requested), playlistItems (the
// uploads playlist: the video id is snippet.resourceId.videoId, items[].id is the playlist
// item's own id), search (id.videoId), commentThreads (a top-level comment and its replies) and
// channels (no posts), and activities (a channel's uploads, likes, playlist additions...: only
// an "upload" activity is a post, under the uploaded video's id, never the activity's). Counts
// arrive as decimal strings; contentDetails.duration is ISO 8601
// ("PT21M7S"). YouTube gives no entities: hashtags, mentions and URLs come from the text.
#include <charconv>

#include "pantau/normalize/html_text.h"
#include "pantau/normalize/mapping.h"
#include "pantau/records/endpoint.h"

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

constexpr std::string_view kWatch = "https://www.youtube.com/watch?v=";

// "PT1H2M3S", "P1DT2H", "PT45.5S" -> seconds; nullopt when it is not a duration.
std::optional<double> parse_iso_duration(std::string_view s) {
  if (s.size() < 3 || s[0] != 'P') return std::nullopt;
  double total = 0;
  bool in_time = false;
  size_t i = 1;
  while (i < s.size()) {
    if (s[i] == 'T') {
      in_time = true;
      ++i;
      continue;
    }
    double v = 0;
    auto [end, ec] = std::from_chars(s.data() + i, s.data() + s.size(), v);
    if (ec != std::errc() || end == s.data() + s.size()) return std::nullopt;
    const char unit = *end;
    i = static_cast<size_t>(end - s.data()) + 1;
    if (unit == 'W')
      total += v * 604800;
    else if (unit == 'D')
      total += v * 86400;
    else if (unit == 'H' && in_time)
      total += v * 3600;
    else if (unit == 'M' && in_time)
      total += v * 60;
    else if (unit == 'S' && in_time)
      total += v;
    else
      return std::nullopt;
  }
  return total;
}

struct VideoExtras {
  std::string video_published_at;  // contentDetails.videoPublishedAt (playlistItems)
  std::string owner_id, owner_name;
  std::optional<double> duration;
};

error_code read_snippet(od::value v, Post& p, VideoExtras& x) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "publishedAt") {
      read_time(f, &p.created_at);
    } else if (k == "channelId") {
      read_string(f, &p.author_id);
    } else if (k == "channelTitle") {
      read_string(f, &p.author_name);
    } else if (k == "videoOwnerChannelId") {
      read_string(f, &x.owner_id);
    } else if (k == "videoOwnerChannelTitle") {
      read_string(f, &x.owner_name);
    } else if (k == "title") {
      read_string(f, &p.title, &p.utf8_repairs);
    } else if (k == "description") {
      read_string(f, &p.text, &p.utf8_repairs);
    } else if (k == "defaultLanguage" || (k == "defaultAudioLanguage" && p.lang.empty())) {
      p.lang.clear();
      read_string(f, &p.lang);
    } else if (k == "resourceId") {
      return fields_of(f, [&](std::string_view rk, od::value rv) -> error_code {
        if (rk == "videoId") {
          p.native_id.clear();
          read_string(rv, &p.native_id);
        }
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
}

error_code read_video_item(od::value item, MapContext& ctx) {
  Post& p = *ctx.post;
  p.clear();
  p.platform = "youtube";
  p.type = "video";
  VideoExtras x;
  std::string item_kind;
  error_code e = for_each_field(item, [&](std::string_view k, od::value f) -> error_code {
    if (k == "kind") {
      read_string(f, &item_kind);
    } else if (k == "id") {
      od::json_type t;
      if (auto err = f.type().get(t)) return err;
      if (t == od::json_type::string) {
        std::string id;
        read_string(f, &id);
        // A playlist item's or an activity's own id is never the video's.
        if (p.native_id.empty() && item_kind != "youtube#playlistItem" &&
            item_kind != "youtube#activity")
          p.native_id = id;
      } else {
        return fields_of(f, [&](std::string_view ik, od::value iv) -> error_code {
          if (ik == "videoId") read_string(iv, &p.native_id);  // search results
          return SUCCESS;
        });
      }
    } else if (k == "snippet") {
      return read_snippet(f, p, x);
    } else if (k == "contentDetails") {
      return fields_of(f, [&](std::string_view ck, od::value cv) -> error_code {
        if (ck == "videoId" && p.native_id.empty()) {
          read_string(cv, &p.native_id);
        } else if (ck == "videoPublishedAt") {
          read_string(cv, &x.video_published_at);
        } else if (ck == "duration") {
          std::string d;
          if (read_string(cv, &d)) x.duration = parse_iso_duration(d);
        }
        return SUCCESS;
      });
    } else if (k == "statistics") {
      return fields_of(f, [&](std::string_view sk, od::value sv) -> error_code {
        if (sk == "viewCount")
          p.views = read_count(sv);
        else if (sk == "likeCount")
          p.likes = read_count(sv);
        else if (sk == "commentCount")
          p.comments = read_count(sv);
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
  if (e) return e;
  if (item_kind == "youtube#channel" || p.native_id.empty()) return SUCCESS;  // not a video
  // In playlistItems the snippet describes the playlist entry; the video's own owner and
  // publication time are these fields.
  if (!x.owner_id.empty()) p.author_id = x.owner_id;
  if (!x.owner_name.empty()) p.author_name = x.owner_name;
  if (!x.video_published_at.empty()) parse_time_text(x.video_published_at, &p.created_at);
  p.url.assign(kWatch);
  p.url.append(p.native_id);
  p.media.push_back({"video", p.url, x.duration});
  ctx.emit();
  return SUCCESS;
}

// An activities item: an "upload" is a post about contentDetails.upload.videoId. Other types
// (like, playlistItem, subscription, ...) are counted but make no post: they are someone else's
// videos or no video at all.
error_code read_activity_item(od::value item, MapContext& ctx) {
  Post& p = *ctx.post;
  p.clear();
  p.platform = "youtube";
  p.type = "video";
  VideoExtras x;
  std::string video_id;
  error_code e = for_each_field(item, [&](std::string_view k, od::value f) -> error_code {
    // snippet.type ("upload", "like", ...) is not needed: contentDetails holds exactly one
    // object, named by the type, so contentDetails.upload says it is an upload.
    if (k == "snippet") return read_snippet(f, p, x);
    if (k == "contentDetails") {
      return fields_of(f, [&](std::string_view ck, od::value cv) -> error_code {
        if (ck != "upload") return SUCCESS;
        return fields_of(cv, [&](std::string_view uk, od::value uv) -> error_code {
          if (uk == "videoId") read_string(uv, &video_id);
          return SUCCESS;
        });
      });
    }
    return SUCCESS;
  });
  if (e) return e;
  if (video_id.empty()) return SUCCESS;  // not an upload
  p.native_id = video_id;
  p.url.assign(kWatch);
  p.url.append(video_id);
  p.media.push_back({"video", p.url, std::nullopt});
  ctx.emit();
  return SUCCESS;
}

// One comment resource ({"id", "snippet": {...}}) into p.
error_code read_comment(od::value v, Post& p, std::string* video_id) {
  std::string display;
  error_code e = fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id") {
      read_string(f, &p.native_id);
    } else if (k == "snippet") {
      return fields_of(f, [&](std::string_view sk, od::value sv) -> error_code {
        if (sk == "textOriginal") {
          read_string(sv, &p.text, &p.utf8_repairs);
        } else if (sk == "textDisplay") {
          read_string(sv, &display, &p.utf8_repairs);
        } else if (sk == "authorDisplayName") {
          read_string(sv, &p.author_name);
        } else if (sk == "authorChannelId") {
          return fields_of(sv, [&](std::string_view ak, od::value av) -> error_code {
            if (ak == "value") read_string(av, &p.author_id);
            return SUCCESS;
          });
        } else if (sk == "publishedAt") {
          read_time(sv, &p.created_at);
        } else if (sk == "likeCount") {
          p.likes = read_count(sv);
        } else if (sk == "videoId" && video_id->empty()) {
          read_string(sv, video_id);
        } else if (sk == "parentId") {
          p.parent = "youtube:";
          read_string(sv, &p.parent);
        }
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
  if (p.text.empty() && !display.empty()) html_to_text(display, &p.text);  // textOriginal withheld
  if (!p.author_name.empty() && p.author_name[0] == '@') p.author_handle = p.author_name;
  return e;
}

void finish_comment(Post& p, const std::string& video_id) {
  p.platform = "youtube";
  if (!video_id.empty()) {
    p.url.assign(kWatch);
    p.url.append(video_id);
    p.url.append("&lc=");
    p.url.append(p.native_id);
  }
}

error_code read_comment_thread(od::value item, MapContext& ctx) {
  Post top;
  top.type = "comment";
  std::string video_id;
  std::optional<int64_t> replies;
  bool emitted_top = false;
  auto emit_top = [&] {
    if (emitted_top || top.native_id.empty()) return;
    emitted_top = true;
    finish_comment(top, video_id);
    if (!video_id.empty()) top.parent = "youtube:" + video_id;
    top.comments = replies;
    ctx.sink->emit(top);
  };
  error_code e = for_each_field(item, [&](std::string_view k, od::value f) -> error_code {
    if (k == "snippet") {
      return fields_of(f, [&](std::string_view sk, od::value sv) -> error_code {
        if (sk == "videoId") {
          video_id.clear();
          read_string(sv, &video_id);
        } else if (sk == "topLevelComment") {
          return read_comment(sv, top, &video_id);
        } else if (sk == "totalReplyCount") {
          replies = read_count(sv);
        }
        return SUCCESS;
      });
    }
    if (k == "replies") {
      emit_top();  // replies come after the thread's snippet
      return fields_of(f, [&](std::string_view rk, od::value rv) -> error_code {
        if (rk != "comments") return SUCCESS;
        return elements_of(rv, [&](od::value c) -> error_code {
          Post& p = *ctx.post;
          p.clear();
          p.type = "reply";
          std::string vid = video_id;
          if (auto err = read_comment(c, p, &vid)) return err;
          finish_comment(p, vid);
          if (!p.native_id.empty()) ctx.emit();
          return SUCCESS;
        });
      });
    }
    return SUCCESS;
  });
  if (e) return e;
  emit_top();
  return SUCCESS;
}

}  // namespace

Status map_youtube(od::document& doc, MapContext& ctx) {
  const bool threads = ctx.endpoint == records::endpoint::kYoutubeCommentThreads;
  bool activities = ctx.endpoint == "activities";
  // pantau's own YouTube adapter follows every playlistItems page with videos.list for the same
  // video ids, whose items carry everything the playlist entries do plus statistics and
  // durations. Mapping both would write each video twice, so its playlist pages yield nothing
  // (EndpointRole::kPostIndex); playlistItems from other sources are still mapped.
  if (records::endpoint_role("youtube", ctx.endpoint) == records::EndpointRole::kPostIndex &&
      records::is_builtin_adapter("youtube", ctx.adapter)) {
    ctx.found = true;  // accounted for by the videos page
    return {};
  }
  error_code e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    // An empty result has no "items" at all; its "kind" (youtube#videoListResponse) and
    // "pageInfo" say it is one.
    if (k == "kind" || k == "pageInfo") ctx.found = true;
    if (k == "kind") {  // comes first: an activities page from a source that names no endpoint
      std::string kind;
      read_string(f, &kind);
      if (kind == "youtube#activityListResponse") activities = true;
    }
    if (k != "items") return SUCCESS;
    ctx.found = true;
    return elements_of(f, [&](od::value item) -> error_code {
      ctx.item();
      if (threads) return read_comment_thread(item, ctx);
      return activities ? read_activity_item(item, ctx) : read_video_item(item, ctx);
    });
  });
  if (e) return json_error("youtube response", e);
  return {};
}

}  // namespace pantau::normalize
