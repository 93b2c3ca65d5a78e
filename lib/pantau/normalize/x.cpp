// X (Twitter) API v2 pages -> posts: users/:id/tweets, search, tweet lookup, and the same pages
// as twarc2 writes them (with an extra "__twarc" key carrying the request URL and time).
//
// A page is {"data": [...], "includes": {"users", "tweets", "media"}, "errors", "meta"}, and
// "includes" comes after "data", so the page is read in two steps: first the includes (authors'
// handles, media, the full text of retweeted posts), then the posts. X pages carry most of the
// volume pantau normalizes, so this mapping reads them through the structural index
// (json_tokens.h) rather than On Demand. Entity lists come from
// entities.{hashtags,mentions,urls}; URLs are the expanded forms. Text keeps X's &amp; / &lt; /
// &gt; escapes on the wire; we decode them.
#include <unordered_map>

#include "pantau/normalize/html_text.h"
#include "pantau/normalize/json_tokens.h"
#include "pantau/normalize/mapping.h"

namespace pantau::normalize {
namespace {

using Tok = JsonTokens::Tok;
constexpr Tok kSkip = JsonTokens::kSkip;

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

Tok read_includes(const JsonTokens& doc, Tok v, Includes& inc) {
  return doc.fields(v, [&](std::string_view k, Tok f) -> Tok {
    if (key_is(k, "users")) {
      return doc.elements(f, [&](Tok u) -> Tok {
        std::string id;
        User user;
        Tok end = doc.fields(u, [&](std::string_view uk, Tok uv) -> Tok {
          if (key_is(uk, "id"))
            doc.read_id(uv, &id);
          else if (key_is(uk, "username"))
            doc.read_string(uv, &user.username);
          else if (key_is(uk, "name"))
            doc.read_string(uv, &user.name);
          return kSkip;
        });
        if (!id.empty()) inc.users.emplace(std::move(id), std::move(user));
        return end;
      });
    }
    if (key_is(k, "tweets")) {
      return doc.elements(f, [&](Tok t) -> Tok {
        std::string id, text, note;
        Tok end = doc.fields(t, [&](std::string_view tk, Tok tv) -> Tok {
          if (key_is(tk, "id")) {
            doc.read_id(tv, &id);
          } else if (key_is(tk, "text")) {
            doc.read_string(tv, &text);
          } else if (key_is(tk, "note_tweet")) {
            return doc.fields(tv, [&](std::string_view nk, Tok nv) -> Tok {
              if (key_is(nk, "text")) doc.read_string(nv, &note);
              return kSkip;
            });
          }
          return kSkip;
        });
        if (!id.empty()) inc.tweet_text.emplace(std::move(id), note.empty() ? text : note);
        return end;
      });
    }
    if (key_is(k, "media")) {
      return doc.elements(f, [&](Tok m) -> Tok {
        std::string key, preview, variant;
        MediaInfo info;
        Tok end = doc.fields(m, [&](std::string_view mk, Tok mv) -> Tok {
          if (key_is(mk, "media_key")) {
            doc.read_string(mv, &key);
          } else if (key_is(mk, "type")) {
            doc.read_string(mv, &info.type);
          } else if (key_is(mk, "url")) {
            doc.read_string(mv, &info.url);
          } else if (key_is(mk, "preview_image_url")) {
            doc.read_string(mv, &preview);
          } else if (key_is(mk, "duration_ms")) {
            if (auto ms = doc.read_double(mv)) info.duration = *ms / 1000.0;
          } else if (key_is(mk, "variants")) {
            return doc.elements(mv, [&](Tok var) -> Tok {
              return doc.fields(var, [&](std::string_view vk, Tok vv) -> Tok {
                if (key_is(vk, "url") && variant.empty()) doc.read_string(vv, &variant);
                return kSkip;
              });
            });
          }
          return kSkip;
        });
        if (info.url.empty()) info.url = variant.empty() ? preview : variant;
        if (info.type == "animated_gif")
          info.type = "gif";
        else if (info.type != "photo" && info.type != "video")
          info.type = "other";
        if (!key.empty()) inc.media.emplace(std::move(key), std::move(info));
        return end;
      });
    }
    return kSkip;
  });
}

Tok read_entities(const JsonTokens& doc, Tok v, Post& p) {
  p.given_hashtags = p.given_mentions = p.given_urls = true;
  return doc.fields(v, [&](std::string_view k, Tok f) -> Tok {
    const bool tags = key_is(k, "hashtags"), mentions = key_is(k, "mentions"),
               urls = key_is(k, "urls");
    if (!tags && !mentions && !urls) return kSkip;
    return doc.elements(f, [&](Tok item) -> Tok {
      std::string value, expanded, unwound;
      Tok end = doc.fields(item, [&](std::string_view ik, Tok iv) -> Tok {
        if ((tags && key_is(ik, "tag")) || (mentions && key_is(ik, "username")) ||
            (urls && key_is(ik, "url"))) {
          doc.read_string(iv, &value);
        } else if (urls && key_is(ik, "expanded_url")) {
          doc.read_string(iv, &expanded);
        } else if (urls && key_is(ik, "unwound_url")) {
          doc.read_string(iv, &unwound);
        }
        return kSkip;
      });
      if (urls) value = !unwound.empty() ? unwound : !expanded.empty() ? expanded : value;
      if (value.empty()) return end;
      (tags ? p.hashtags : mentions ? p.mentions : p.urls).push_back(std::move(value));
      return end;
    });
  });
}

Tok read_tweet(const JsonTokens& doc, Tok v, const Includes& inc, MapContext& ctx) {
  if (!doc.is_object(v)) return doc.skip(v);
  Post& p = *ctx.post;
  p.clear();
  p.platform = "x";
  std::string& raw_text = ctx.scratch;  // reused: no allocation per post
  raw_text.clear();
  std::string note_text, replied, quoted, retweeted;
  std::vector<std::string> media_keys;
  const Tok end = doc.fields(v, [&](std::string_view k, Tok f) -> Tok {
    if (key_is(k, "id")) {
      doc.read_id(f, &p.native_id);
    } else if (key_is(k, "text")) {
      doc.read_string(f, &raw_text, &p.utf8_repairs);
    } else if (key_is(k, "note_tweet")) {  // posts longer than 280 characters
      return doc.fields(f, [&](std::string_view nk, Tok nv) -> Tok {
        if (key_is(nk, "text"))
          doc.read_string(nv, &note_text, &p.utf8_repairs);
        else if (key_is(nk, "entities"))
          return read_entities(doc, nv, p);
        return kSkip;
      });
    } else if (key_is(k, "created_at")) {
      read_time(doc, f, &p.created_at);
    } else if (key_is(k, "author_id")) {
      doc.read_id(f, &p.author_id);
    } else if (key_is(k, "lang")) {
      doc.read_string(f, &p.lang);
    } else if (key_is(k, "entities") && !p.given_urls) {
      return read_entities(doc, f, p);
    } else if (key_is(k, "referenced_tweets")) {
      return doc.elements(f, [&](Tok r) -> Tok {
        std::string type, id;
        Tok re = doc.fields(r, [&](std::string_view rk, Tok rv) -> Tok {
          if (key_is(rk, "type"))
            doc.read_string(rv, &type);
          else if (key_is(rk, "id"))
            doc.read_id(rv, &id);
          return kSkip;
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
      return doc.fields(f, [&](std::string_view ak, Tok av) -> Tok {
        if (!key_is(ak, "media_keys")) return kSkip;
        return doc.elements(av, [&](Tok mk) -> Tok {
          std::string key;
          if (doc.read_string(mk, &key)) media_keys.push_back(std::move(key));
          return kSkip;
        });
      });
    } else if (key_is(k, "public_metrics")) {
      return doc.fields(f, [&](std::string_view mk, Tok mv) -> Tok {
        if (key_is(mk, "like_count"))
          p.likes = doc.read_count(mv);
        else if (key_is(mk, "reply_count"))
          p.comments = doc.read_count(mv);
        else if (key_is(mk, "retweet_count"))
          p.shares = doc.read_count(mv);
        else if (key_is(mk, "quote_count"))
          p.quotes = doc.read_count(mv);
        else if (key_is(mk, "impression_count"))
          p.views = doc.read_count(mv);
        else if (key_is(mk, "bookmark_count"))
          p.bookmarks = doc.read_count(mv);
        return kSkip;
      });
    }
    return kSkip;
  });
  if (end == JsonTokens::kBad || p.native_id.empty()) return end;
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
  return end;
}

Error malformed(const JsonTokens& doc) {
  return Error::invalid("x response: malformed JSON at byte " +
                        std::to_string(doc.error_offset() + 1));
}

}  // namespace

Status map_x(const JsonTokens& doc, MapContext& ctx) {
  if (!doc.is_object(0)) return Error::invalid("x response: not an object");
  Includes inc;
  std::string twarc_url, retrieved_at;
  Tok data = JsonTokens::kBad;  // the value of "data", read after "includes"
  Tok end = doc.fields(0, [&](std::string_view k, Tok f) -> Tok {
    if (key_is(k, "data")) data = f;
    if (key_is(k, "includes")) return read_includes(doc, f, inc);
    if (key_is(k, "__twarc")) {
      return doc.fields(f, [&](std::string_view tk, Tok tv) -> Tok {
        if (key_is(tk, "url"))
          doc.read_string(tv, &twarc_url);
        else if (key_is(tk, "retrieved_at"))
          doc.read_string(tv, &retrieved_at);
        return kSkip;
      });
    }
    return kSkip;
  });
  if (end == JsonTokens::kBad) return malformed(doc);
  if (ctx.prov && ctx.prov->fetched_at.empty() && !retrieved_at.empty()) {
    std::optional<EpochMillis> t;
    parse_time_text(retrieved_at, &t);
    if (t) ctx.prov->fetched_at = format_rfc3339(*t);
  }
  if (ctx.prov && ctx.prov->request_url.empty()) ctx.prov->request_url = twarc_url;
  if (data == JsonTokens::kBad) return {};
  if (doc.is_object(data)) {  // a single-post lookup
    end = read_tweet(doc, data, inc, ctx);
  } else {
    end = doc.elements(data, [&](Tok tweet) { return read_tweet(doc, tweet, inc, ctx); });
  }
  if (end == JsonTokens::kBad) return malformed(doc);
  return {};
}

}  // namespace pantau::normalize
