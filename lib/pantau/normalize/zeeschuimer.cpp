// Zeeschuimer / 4CAT NDJSON -> posts. Each line is one item the browser extension captured:
// {"item_id", "timestamp_collected" (ms), "source_platform": "tiktok.com" | "instagram.com" |
// "twitter.com" / "x.com" (X's web GraphQL tweets: x_web.h),
//  "source_platform_url", "data": {the platform's own web API item}}.
//
// TikTok items: id, desc, createTime, author {id, uniqueId, nickname} (or author as a string
// with authorId), stats {diggCount, commentCount, shareCount, playCount, collectCount},
// challenges[].title / textExtra[] (type 0: a mention, userUniqueId; type 1: a hashtag,
// hashtagName), video.duration. Instagram items: id, code,
// taken_at, caption.text, user {pk, username, full_name}, like_count, comment_count,
// media_type (1 photo, 2 video, 8 album), video_duration.
#include <algorithm>

#include "pantau/normalize/mapping.h"
#include "pantau/normalize/x_web.h"

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

// One textExtra entry: the span of desc that is a mention or a hashtag. Its fields come in any
// order, so the type is known only at the end.
error_code read_text_extra(od::value v, Post& p) {
  std::optional<int64_t> type;
  std::string user, tag;
  error_code e = fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "type")
      type = read_count(f);
    else if (k == "userUniqueId")
      read_string(f, &user);
    else if (k == "hashtagName")
      read_string(f, &tag);
    return SUCCESS;
  });
  if (e) return e;
  auto add = [](std::vector<std::string>* list, std::string s) {
    if (s.empty() || std::find(list->begin(), list->end(), s) != list->end()) return;
    list->push_back(std::move(s));
  };
  if (type == 0) add(&p.mentions, std::move(user));
  if (type == 1) add(&p.hashtags, std::move(tag));  // challenges[] usually has it already
  return SUCCESS;
}

error_code read_tiktok_item(od::value v, Post& p) {
  p.platform = "tiktok";
  p.type = "video";
  p.given_hashtags = true;
  std::optional<double> duration;
  std::string author_string;
  error_code e = for_each_field(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id") {
      read_id(f, &p.native_id);
    } else if (k == "desc") {
      read_string(f, &p.text, &p.utf8_repairs);
    } else if (k == "createTime") {
      read_time(f, &p.created_at);
    } else if (k == "authorId") {
      read_id(f, &p.author_id);
    } else if (k == "author") {
      od::json_type t;
      if (auto err = f.type().get(t)) return err;
      if (t == od::json_type::string) {
        read_string(f, &author_string);
        return SUCCESS;
      }
      return fields_of(f, [&](std::string_view ak, od::value av) -> error_code {
        if (ak == "id")
          read_id(av, &p.author_id);
        else if (ak == "uniqueId")
          read_string(av, &p.author_handle);
        else if (ak == "nickname")
          read_string(av, &p.author_name);
        return SUCCESS;
      });
    } else if (k == "stats") {
      return fields_of(f, [&](std::string_view sk, od::value sv) -> error_code {
        if (sk == "diggCount")
          p.likes = read_count(sv);
        else if (sk == "commentCount")
          p.comments = read_count(sv);
        else if (sk == "shareCount")
          p.shares = read_count(sv);
        else if (sk == "playCount")
          p.views = read_count(sv);
        else if (sk == "collectCount")
          p.bookmarks = read_count(sv);
        return SUCCESS;
      });
    } else if (k == "challenges") {
      return elements_of(f, [&](od::value c) -> error_code {
        return fields_of(c, [&](std::string_view ck, od::value cv) -> error_code {
          std::string tag;
          if (ck == "title" && read_string(cv, &tag) && !tag.empty()) p.hashtags.push_back(tag);
          return SUCCESS;
        });
      });
    } else if (k == "textExtra") {
      return elements_of(f, [&](od::value x) -> error_code { return read_text_extra(x, p); });
    } else if (k == "video") {
      return fields_of(f, [&](std::string_view vk, od::value vv) -> error_code {
        if (vk == "duration") duration = read_double(vv);
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
  if (p.author_handle.empty()) p.author_handle = author_string;
  if (p.hashtags.empty()) p.given_hashtags = false;  // fall back to the text
  p.given_mentions = !p.mentions.empty();
  if (!p.author_handle.empty() && !p.native_id.empty()) {
    p.url = "https://www.tiktok.com/@" + p.author_handle + "/video/" + p.native_id;
  }
  p.media.push_back({"video", p.url, duration});
  return e;
}

error_code read_instagram_item(od::value v, Post& p) {
  p.platform = "instagram";
  std::string code;
  std::optional<int64_t> media_type;
  std::optional<double> duration;
  error_code e = for_each_field(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id" || (k == "pk" && p.native_id.empty())) {
      p.native_id.clear();
      read_id(f, &p.native_id);
    } else if (k == "code") {
      read_string(f, &code);
    } else if (k == "taken_at") {
      read_time(f, &p.created_at);
    } else if (k == "caption") {
      return fields_of(f, [&](std::string_view ck, od::value cv) -> error_code {
        if (ck == "text") read_string(cv, &p.text, &p.utf8_repairs);
        return SUCCESS;
      });
    } else if (k == "user" || k == "owner") {
      return fields_of(f, [&](std::string_view uk, od::value uv) -> error_code {
        if (uk == "pk" || (uk == "id" && p.author_id.empty())) {
          p.author_id.clear();
          read_id(uv, &p.author_id);
        } else if (uk == "username") {
          read_string(uv, &p.author_handle);
        } else if (uk == "full_name") {
          read_string(uv, &p.author_name);
        }
        return SUCCESS;
      });
    } else if (k == "like_count") {
      p.likes = read_count(f);
    } else if (k == "comment_count") {
      p.comments = read_count(f);
    } else if (k == "play_count" || (k == "view_count" && !p.views)) {
      p.views = read_count(f);
    } else if (k == "media_type") {
      media_type = read_count(f);
    } else if (k == "video_duration") {
      duration = read_double(f);
    }
    return SUCCESS;
  });
  // Instagram's web API ids are "<media id>_<owner id>"; the media id alone is the post's id.
  if (size_t us = p.native_id.find('_'); us != std::string::npos) p.native_id.resize(us);
  if (!code.empty()) p.url = "https://www.instagram.com/p/" + code + "/";
  if (media_type == 2) {
    p.type = "video";
    p.media.push_back({"video", p.url, duration});
  } else if (media_type) {
    p.media.push_back({"photo", "", std::nullopt});
  }
  return e;
}

}  // namespace

Status map_zeeschuimer(od::document& doc, MapContext& ctx) {
  std::string source;
  std::optional<EpochMillis> collected;
  // "data" may come before "source_platform": read the envelope first.
  error_code e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    if (k == "source_platform") {
      read_string(f, &source);
    } else if (k == "timestamp_collected") {
      if (auto ms = read_double(f)) collected = static_cast<EpochMillis>(*ms);
    }
    return SUCCESS;
  });
  if (e) return json_error("zeeschuimer item", e);
  const bool tiktok = source.find("tiktok") != std::string::npos;
  const bool instagram = source.find("instagram") != std::string::npos;
  const bool x = source == "twitter.com" || source == "x.com";
  if (!tiktok && !instagram && !x) {
    return Error::unsupported("zeeschuimer items from \"" + source + "\" are not supported");
  }
  if (collected && ctx.prov && ctx.prov->fetched_at.empty()) {
    ctx.prov->fetched_at = format_rfc3339(*collected);
  }
  doc.rewind();
  Post& p = *ctx.post;
  p.clear();
  e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    if (k != "data") return SUCCESS;
    ctx.item();
    if (x) return read_x_web_tweet(f, p);
    return tiktok ? read_tiktok_item(f, p) : read_instagram_item(f, p);
  });
  if (e) return json_error("zeeschuimer item", e);
  ctx.emit();
  return {};
}

}  // namespace pantau::normalize
