// TikTok Research API -> posts.
//
// Bodies are {"data": {...}, "error": {"code": "ok", ...}}. video_query: data.videos[] with
// id (a bare integer above 2^53: kept as written), video_description, create_time (epoch
// seconds), username, hashtag_names[], counts, video_duration. comment_list: data.comments[]
// with video_id and parent_comment_id (equal to video_id for a top-level comment). The API
// returns no author id and no media URLs; video URLs are built from username and id.
#include "pantau/normalize/mapping.h"

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

error_code read_video(od::value v, MapContext& ctx) {
  Post& p = *ctx.post;
  p.clear();
  p.platform = "tiktok";
  p.type = "video";
  p.given_hashtags = true;
  std::optional<double> duration;
  error_code e = for_each_field(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id" || (k == "video_id" && p.native_id.empty())) {
      p.native_id.clear();
      read_id(f, &p.native_id);
    } else if (k == "video_description") {
      read_string(f, &p.text, &p.utf8_repairs);
    } else if (k == "create_time") {
      read_time(f, &p.created_at);
    } else if (k == "username") {
      read_string(f, &p.author_handle, &p.utf8_repairs);
    } else if (k == "hashtag_names") {
      return elements_of(f, [&](od::value h) -> error_code {
        std::string tag;
        if (read_string(h, &tag, &p.utf8_repairs) && !tag.empty())
          p.hashtags.push_back(std::move(tag));
        return SUCCESS;
      });
    } else if (k == "like_count") {
      p.likes = read_count(f);
    } else if (k == "comment_count") {
      p.comments = read_count(f);
    } else if (k == "share_count") {
      p.shares = read_count(f);
    } else if (k == "view_count") {
      p.views = read_count(f);
    } else if (k == "favorites_count") {
      p.bookmarks = read_count(f);
    } else if (k == "video_duration") {
      duration = read_double(f);
    }
    return SUCCESS;
  });
  if (e) return e;
  if (!p.author_handle.empty()) {
    p.url = "https://www.tiktok.com/@" + p.author_handle + "/video/" + p.native_id;
  }
  p.media.push_back({"video", p.url, duration});
  ctx.emit();
  return SUCCESS;
}

error_code read_comment(od::value v, MapContext& ctx) {
  Post& p = *ctx.post;
  p.clear();
  p.platform = "tiktok";
  std::string video_id, parent_id;
  error_code e = for_each_field(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id") {
      read_id(f, &p.native_id);
    } else if (k == "text") {
      read_string(f, &p.text, &p.utf8_repairs);
    } else if (k == "video_id") {
      read_id(f, &video_id);
    } else if (k == "parent_comment_id") {
      read_id(f, &parent_id);
    } else if (k == "create_time") {
      read_time(f, &p.created_at);
    } else if (k == "like_count") {
      p.likes = read_count(f);
    } else if (k == "reply_count") {
      p.comments = read_count(f);
    }
    return SUCCESS;
  });
  if (e) return e;
  const bool top_level = parent_id.empty() || parent_id == video_id;
  p.type = top_level ? "comment" : "reply";
  const std::string& parent = top_level ? video_id : parent_id;
  if (!parent.empty()) p.parent = "tiktok:" + parent;
  ctx.emit();
  return SUCCESS;
}

}  // namespace

Status map_tiktok(od::document& doc, MapContext& ctx) {
  std::string code, message;
  error_code e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    if (k == "data") {
      return fields_of(f, [&](std::string_view dk, od::value dv) -> error_code {
        if (dk == "videos") {
          ctx.found = true;
          return elements_of(dv, [&](od::value v) {
            ctx.item();
            return read_video(v, ctx);
          });
        }
        if (dk == "comments") {
          ctx.found = true;
          return elements_of(dv, [&](od::value v) {
            ctx.item();
            return read_comment(v, ctx);
          });
        }
        return SUCCESS;
      });
    }
    if (k == "error") {
      return fields_of(f, [&](std::string_view ek, od::value ev) -> error_code {
        if (ek == "code")
          read_string(ev, &code);
        else if (ek == "message")
          read_string(ev, &message);
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
  if (e) return json_error("tiktok response", e);
  if (!code.empty() && code != "ok") {
    return Error::invalid("tiktok error " + code + (message.empty() ? "" : ": " + message));
  }
  return {};
}

}  // namespace pantau::normalize
