// X (Twitter) API v2 pages -> posts: users/:id/tweets, search, tweet lookup, and the same pages
// as twarc2 writes them (with an extra "__twarc" key carrying the request URL and time).
//
// A page is {"data": [...], "includes": {"users", "tweets", "media"}, "errors", "meta"}, and
// "includes" comes after "data", so we read the page twice: first the includes (authors'
// handles, media, the full text of retweeted posts), then the posts. Entity lists come from
// entities.{hashtags,mentions,urls}; URLs are the expanded forms. Text keeps X's &amp; / &lt; /
// &gt; escapes on the wire; we decode them.
#include <unordered_map>

#include "pantau/normalize/html_text.h"
#include "pantau/normalize/mapping.h"

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

struct User {
  std::string username, name;
};
struct MediaInfo {
  std::string type, url;
  std::optional<double> duration;
};
struct Includes {
  std::unordered_map<std::string, User> users;
  std::unordered_map<std::string, std::string> tweet_text;  // full text of referenced posts
  std::unordered_map<std::string, MediaInfo> media;
};

error_code read_includes(od::value v, Includes& inc) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (key_is(k, "users")) {
      return elements_of(f, [&](od::value u) -> error_code {
        std::string id;
        User user;
        error_code e = fields_of(u, [&](std::string_view uk, od::value uv) -> error_code {
          if (key_is(uk, "id"))
            read_id(uv, &id);
          else if (key_is(uk, "username"))
            read_string(uv, &user.username);
          else if (key_is(uk, "name"))
            read_string(uv, &user.name);
          return SUCCESS;
        });
        if (!id.empty()) inc.users.emplace(std::move(id), std::move(user));
        return e;
      });
    }
    if (key_is(k, "tweets")) {
      return elements_of(f, [&](od::value t) -> error_code {
        std::string id, text, note;
        error_code e = fields_of(t, [&](std::string_view tk, od::value tv) -> error_code {
          if (key_is(tk, "id"))
            read_id(tv, &id);
          else if (key_is(tk, "text"))
            read_string(tv, &text);
          else if (key_is(tk, "note_tweet")) {
            return fields_of(tv, [&](std::string_view nk, od::value nv) -> error_code {
              if (key_is(nk, "text")) read_string(nv, &note);
              return SUCCESS;
            });
          }
          return SUCCESS;
        });
        if (!id.empty()) inc.tweet_text.emplace(std::move(id), note.empty() ? text : note);
        return e;
      });
    }
    if (key_is(k, "media")) {
      return elements_of(f, [&](od::value m) -> error_code {
        std::string key, preview, variant;
        MediaInfo info;
        error_code e = fields_of(m, [&](std::string_view mk, od::value mv) -> error_code {
          if (key_is(mk, "media_key"))
            read_string(mv, &key);
          else if (key_is(mk, "type"))
            read_string(mv, &info.type);
          else if (key_is(mk, "url"))
            read_string(mv, &info.url);
          else if (key_is(mk, "preview_image_url"))
            read_string(mv, &preview);
          else if (key_is(mk, "duration_ms")) {
            if (auto ms = read_double(mv)) info.duration = *ms / 1000.0;
          } else if (key_is(mk, "variants")) {
            return elements_of(mv, [&](od::value var) -> error_code {
              return fields_of(var, [&](std::string_view vk, od::value vv) -> error_code {
                if (key_is(vk, "url") && variant.empty()) read_string(vv, &variant);
                return SUCCESS;
              });
            });
          }
          return SUCCESS;
        });
        if (info.url.empty()) info.url = variant.empty() ? preview : variant;
        if (info.type == "animated_gif")
          info.type = "gif";
        else if (info.type != "photo" && info.type != "video")
          info.type = "other";
        if (!key.empty()) inc.media.emplace(std::move(key), std::move(info));
        return e;
      });
    }
    return SUCCESS;
  });
}

error_code read_entities(od::value v, Post& p) {
  p.given_hashtags = p.given_mentions = p.given_urls = true;
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    const bool tags = key_is(k, "hashtags"), mentions = key_is(k, "mentions"),
               urls = key_is(k, "urls");
    if (!tags && !mentions && !urls) return SUCCESS;
    return elements_of(f, [&](od::value item) -> error_code {
      std::string value, expanded, unwound;
      error_code e = fields_of(item, [&](std::string_view ik, od::value iv) -> error_code {
        if ((tags && key_is(ik, "tag")) || (mentions && key_is(ik, "username")) ||
            (urls && key_is(ik, "url"))) {
          read_string(iv, &value);
        } else if (urls && key_is(ik, "expanded_url")) {
          read_string(iv, &expanded);
        } else if (urls && key_is(ik, "unwound_url")) {
          read_string(iv, &unwound);
        }
        return SUCCESS;
      });
      if (urls) value = !unwound.empty() ? unwound : !expanded.empty() ? expanded : value;
      if (value.empty()) return e;
      (tags ? p.hashtags : mentions ? p.mentions : p.urls).push_back(std::move(value));
      return e;
    });
  });
}

error_code read_tweet(od::value v, const Includes& inc, MapContext& ctx) {
  Post& p = *ctx.post;
  p.clear();
  p.platform = "x";
  std::string& raw_text = ctx.scratch;  // reused: no allocation per post
  raw_text.clear();
  std::string note_text, replied, quoted, retweeted;
  std::vector<std::string> media_keys;
  error_code e = for_each_field(v, [&](std::string_view k, od::value f) -> error_code {
    if (key_is(k, "id")) {
      read_id(f, &p.native_id);
    } else if (key_is(k, "text")) {
      read_string(f, &raw_text, &p.utf8_repairs);
    } else if (key_is(k, "note_tweet")) {  // posts longer than 280 characters
      return fields_of(f, [&](std::string_view nk, od::value nv) -> error_code {
        if (key_is(nk, "text"))
          read_string(nv, &note_text, &p.utf8_repairs);
        else if (key_is(nk, "entities"))
          return read_entities(nv, p);
        return SUCCESS;
      });
    } else if (key_is(k, "created_at")) {
      read_time(f, &p.created_at);
    } else if (key_is(k, "author_id")) {
      read_id(f, &p.author_id);
    } else if (key_is(k, "lang")) {
      read_string(f, &p.lang);
    } else if (key_is(k, "entities") && !p.given_urls) {
      return read_entities(f, p);
    } else if (key_is(k, "referenced_tweets")) {
      return elements_of(f, [&](od::value r) -> error_code {
        std::string type, id;
        error_code re = fields_of(r, [&](std::string_view rk, od::value rv) -> error_code {
          if (key_is(rk, "type"))
            read_string(rv, &type);
          else if (key_is(rk, "id"))
            read_id(rv, &id);
          return SUCCESS;
        });
        if (type == "replied_to")
          replied = id;
        else if (type == "quoted")
          quoted = id;
        else if (type == "retweeted")
          retweeted = id;
        return re;
      });
    } else if (key_is(k, "attachments")) {
      return fields_of(f, [&](std::string_view ak, od::value av) -> error_code {
        if (!key_is(ak, "media_keys")) return SUCCESS;
        return elements_of(av, [&](od::value mk) -> error_code {
          std::string key;
          if (read_string(mk, &key)) media_keys.push_back(std::move(key));
          return SUCCESS;
        });
      });
    } else if (key_is(k, "public_metrics")) {
      return fields_of(f, [&](std::string_view mk, od::value mv) -> error_code {
        if (key_is(mk, "like_count"))
          p.likes = read_count(mv);
        else if (key_is(mk, "reply_count"))
          p.comments = read_count(mv);
        else if (key_is(mk, "retweet_count"))
          p.shares = read_count(mv);
        else if (key_is(mk, "quote_count"))
          p.quotes = read_count(mv);
        else if (key_is(mk, "impression_count"))
          p.views = read_count(mv);
        else if (key_is(mk, "bookmark_count"))
          p.bookmarks = read_count(mv);
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
  if (e) return e;
  if (p.native_id.empty()) return SUCCESS;
  std::string_view text = note_text.empty() ? std::string_view(raw_text) : note_text;
  if (!retweeted.empty()) {
    // A retweet's own text is cut ("RT @x: ..."); the original's full text is in includes.
    p.type = "repost";
    p.parent.assign("x:").append(retweeted);
    if (auto it = inc.tweet_text.find(retweeted); it != inc.tweet_text.end()) text = it->second;
  } else if (!replied.empty()) {
    p.type = "reply";
    p.parent.assign("x:").append(replied);
  } else if (!quoted.empty()) {
    p.type = "quote";
    p.parent.assign("x:").append(quoted);
  }
  decode_entities(text, &p.text);
  if (auto it = inc.users.find(p.author_id); it != inc.users.end()) {
    p.author_handle = it->second.username;
    p.author_name = it->second.name;
  }
  if (p.author_handle.empty()) {
    p.url.assign("https://x.com/i/web/status/").append(p.native_id);
  } else {
    p.url.assign("https://x.com/").append(p.author_handle).append("/status/").append(p.native_id);
  }
  for (const auto& key : media_keys) {
    if (auto it = inc.media.find(key); it != inc.media.end()) {
      p.media.push_back({it->second.type, it->second.url, it->second.duration});
    }
  }
  ctx.emit();
  return SUCCESS;
}

}  // namespace

Status map_x(od::document& doc, MapContext& ctx) {
  Includes inc;
  std::string twarc_url, retrieved_at;
  error_code e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    if (key_is(k, "includes")) return read_includes(f, inc);
    if (key_is(k, "__twarc")) {
      return fields_of(f, [&](std::string_view tk, od::value tv) -> error_code {
        if (key_is(tk, "url"))
          read_string(tv, &twarc_url);
        else if (key_is(tk, "retrieved_at"))
          read_string(tv, &retrieved_at);
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
  if (e) return json_error("x response", e);
  if (ctx.prov && ctx.prov->fetched_at.empty() && !retrieved_at.empty()) {
    std::optional<EpochMillis> t;
    parse_time_text(retrieved_at, &t);
    if (t) ctx.prov->fetched_at = format_rfc3339(*t);
  }
  if (ctx.prov && ctx.prov->request_url.empty()) ctx.prov->request_url = twarc_url;
  doc.rewind();
  e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    if (!key_is(k, "data")) return SUCCESS;
    od::json_type t;
    if (auto err = f.type().get(t)) return err;
    if (t == od::json_type::object) return read_tweet(f, inc, ctx);  // a single-post lookup
    return elements_of(f, [&](od::value tweet) { return read_tweet(tweet, inc, ctx); });
  });
  if (e) return json_error("x response", e);
  return {};
}

}  // namespace pantau::normalize
