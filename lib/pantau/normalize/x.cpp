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
#include "pantau/records/endpoint.h"

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
// A referenced post: its full text, and where its entities are in the document (a retweet's
// hashtags, mentions and URLs are the original's, not those of the cut "RT @x: ..." wrapper).
struct Referenced {
  std::string text;
  Tok entities = JsonTokens::kBad;
};
struct Includes {
  std::unordered_map<std::string, User> users;
  std::unordered_map<std::string, Referenced> tweets;  // referenced posts
  std::unordered_map<std::string, MediaInfo> media;
};

// Reads a post's id, text, note_tweet text and the position of its entities (note_tweet's
// first): an included post, or a referenced_tweets item (with its "type"), which twarc2 flatten
// fills with the referenced post's fields.
Tok read_referenced(const JsonTokens& doc, Tok t, std::string* id, Referenced* ref,
                    std::string* type = nullptr) {
  std::string note;
  Tok note_entities = JsonTokens::kBad;
  Tok end = doc.fields(t, [&](std::string_view tk, Tok tv) -> Tok {
    if (key_is(tk, "id")) {
      doc.read_id(tv, id);
    } else if (type && key_is(tk, "type")) {
      doc.read_string(tv, type);
    } else if (key_is(tk, "text")) {
      doc.read_string(tv, &ref->text);
    } else if (key_is(tk, "entities")) {
      ref->entities = tv;
    } else if (key_is(tk, "note_tweet")) {
      return doc.fields(tv, [&](std::string_view nk, Tok nv) -> Tok {
        if (key_is(nk, "text"))
          doc.read_string(nv, &note);
        else if (key_is(nk, "entities"))
          note_entities = nv;
        return kSkip;
      });
    }
    return kSkip;
  });
  if (!note.empty()) ref->text = std::move(note);
  if (note_entities != JsonTokens::kBad) ref->entities = note_entities;
  return end;
}

// A media object of includes.media (or of attachments.media, where twarc2 flatten puts it).
Tok read_media(const JsonTokens& doc, Tok m, std::string* key, MediaInfo* info) {
  std::string preview, variant;
  Tok end = doc.fields(m, [&](std::string_view mk, Tok mv) -> Tok {
    if (key_is(mk, "media_key")) {
      doc.read_string(mv, key);
    } else if (key_is(mk, "type")) {
      doc.read_string(mv, &info->type);
    } else if (key_is(mk, "url")) {
      doc.read_string(mv, &info->url);
    } else if (key_is(mk, "preview_image_url")) {
      doc.read_string(mv, &preview);
    } else if (key_is(mk, "duration_ms")) {
      if (auto ms = doc.read_double(mv)) info->duration = *ms / 1000.0;
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
  if (info->url.empty()) info->url = variant.empty() ? preview : variant;
  if (info->type == "animated_gif")
    info->type = "gif";
  else if (info->type != "photo" && info->type != "video")
    info->type = "other";
  return end;
}

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
        std::string id;
        Referenced ref;
        Tok end = read_referenced(doc, t, &id, &ref);
        if (!id.empty()) inc.tweets.emplace(std::move(id), std::move(ref));
        return end;
      });
    }
    if (key_is(k, "media")) {
      return doc.elements(f, [&](Tok m) -> Tok {
        std::string key;
        MediaInfo info;
        Tok end = read_media(doc, m, &key, &info);
        if (!key.empty()) inc.media.emplace(std::move(key), std::move(info));
        return end;
      });
    }
    return kSkip;
  });
}

Tok read_entities(const JsonTokens& doc, Tok v, Post& p) {
  p.given_hashtags = p.given_mentions = p.given_urls = true;
  p.hashtags.clear();
  p.mentions.clear();
  p.urls.clear();
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
  std::vector<MediaInfo> inline_media;          // twarc2 flatten: attachments.media objects
  Referenced inline_retweet;                    // twarc2 flatten: the retweeted post, inlined
  User author;                                  // twarc2 flatten: "author", inlined
  bool has_text = false, has_username = false;  // a user object (users lookup) is no post
  const Tok end = doc.fields(v, [&](std::string_view k, Tok f) -> Tok {
    if (key_is(k, "id")) {
      doc.read_id(f, &p.native_id);
    } else if (key_is(k, "text")) {
      has_text = true;
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
        Referenced inlined;
        Tok re = read_referenced(doc, r, &id, &inlined, &type);
        if (type == "replied_to") {
          replied = id;
        } else if (type == "quoted") {
          quoted = id;
        } else if (type == "retweeted") {
          retweeted = id;
          inline_retweet = std::move(inlined);
        }
        return re;
      });
    } else if (key_is(k, "username")) {
      has_username = true;
    } else if (key_is(k, "author")) {
      return doc.fields(f, [&](std::string_view ak, Tok av) -> Tok {
        if (key_is(ak, "username"))
          doc.read_string(av, &author.username);
        else if (key_is(ak, "name"))
          doc.read_string(av, &author.name);
        else if (key_is(ak, "id") && p.author_id.empty())
          doc.read_id(av, &p.author_id);
        return kSkip;
      });
    } else if (key_is(k, "attachments")) {
      return doc.fields(f, [&](std::string_view ak, Tok av) -> Tok {
        if (key_is(ak, "media")) {
          return doc.elements(av, [&](Tok m) -> Tok {
            std::string key;
            MediaInfo info;
            Tok after = read_media(doc, m, &key, &info);
            inline_media.push_back(std::move(info));
            return after;
          });
        }
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
  if (has_username && !has_text) return end;  // a user (users/by lookups): not a post
  std::string_view text = note_text.empty() ? std::string_view(raw_text) : note_text;
  if (!retweeted.empty()) {
    // A retweet's own text is cut ("RT @x: ..."); the original's full text and entities are in
    // includes (or inlined, in twarc2 flatten output).
    p.type = "repost";
    p.parent.assign("x:").append(retweeted);
    const Referenced* original = nullptr;
    if (auto it = inc.tweets.find(retweeted); it != inc.tweets.end()) original = &it->second;
    if (!original && !inline_retweet.text.empty()) original = &inline_retweet;
    if (original) {
      text = original->text;
      if (original->entities != JsonTokens::kBad) {
        p.hashtags.clear();
        p.mentions.clear();
        p.urls.clear();
        if (read_entities(doc, original->entities, p) == JsonTokens::kBad) return JsonTokens::kBad;
      }
    }
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
  } else if (!author.username.empty()) {
    p.author_handle = std::move(author.username);
    p.author_name = std::move(author.name);
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
  if (p.media.empty()) {
    for (auto& m : inline_media)
      p.media.push_back({std::move(m.type), std::move(m.url), m.duration});
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
  bool tweet = false;           // a post itself (twarc2 flatten writes one per line)
  Tok end = doc.fields(0, [&](std::string_view k, Tok f) -> Tok {
    if (key_is(k, "data")) data = f;
    if (key_is(k, "meta")) ctx.found = true;  // {"meta": {"result_count": 0}}: an empty page
    // A lookup by id (fetch-accounts --recheck) of posts that are all gone answers with only
    // "errors", one per id: an answer without posts, not a page of the wrong shape.
    if (key_is(k, "errors") && ctx.endpoint == records::endpoint::kXTweets) ctx.found = true;
    if (key_is(k, "id") || key_is(k, "text")) tweet = true;
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
  if (data == JsonTokens::kBad) {
    if (!tweet) return {};
    ctx.item();
    end = read_tweet(doc, 0, inc, ctx);
  } else if (doc.is_object(data)) {  // a single-post lookup
    ctx.item();
    end = read_tweet(doc, data, inc, ctx);
  } else {
    ctx.found = true;
    end = doc.elements(data, [&](Tok t) {
      ctx.item();
      return read_tweet(doc, t, inc, ctx);
    });
  }
  if (end == JsonTokens::kBad) return malformed(doc);
  return {};
}

}  // namespace pantau::normalize
