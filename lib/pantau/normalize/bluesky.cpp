// Bluesky (AT Protocol AppView) -> posts: app.bsky.feed.getAuthorFeed / getTimeline pages
// ({"feed": [{post, reply?, reason?}]}), getPosts ({"posts": [...]}), a single feed item or
// post view.
//
// native_id is "<author did>/<record key>" from the post's at:// URI (stable; handles change);
// the URL is https://bsky.app/profile/<handle>/post/<record key>. Text entities come from
// record.facets, whose byte offsets are UTF-8 bytes of record.text. A repost in an author feed
// (reason #reasonRepost) becomes a "repost" by reason.by of the post, which is the parent.
#include <algorithm>

#include "pantau/normalize/mapping.h"

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

// "at://did:plc:abc/app.bsky.feed.post/3kxyz" -> "did:plc:abc/3kxyz" (and the record key).
std::string native_of(std::string_view uri, std::string* rkey = nullptr) {
  if (uri.substr(0, 5) == "at://") uri.remove_prefix(5);
  size_t slash = uri.find('/');
  size_t last = uri.rfind('/');
  if (slash == std::string_view::npos) return std::string(uri);
  if (rkey) rkey->assign(uri.substr(last + 1));
  return std::string(uri.substr(0, slash)) + "/" + std::string(uri.substr(last + 1));
}

struct Facet {
  uint64_t start = 0, end = 0;
  std::string kind, value;  // link/mention/tag and its uri/did/tag
};

struct PostView {
  std::string uri, handle, did, name, text, lang, reply_parent, quoted;
  std::optional<EpochMillis> created;
  std::vector<Facet> facets;
  std::vector<Media> media;
  std::optional<int64_t> replies, reposts, likes, quotes;
  size_t repairs = 0;
};

error_code read_embed_view(od::value v, PostView& pv, int depth) {
  std::string type;
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "$type") {
      read_string(f, &type);
    } else if (k == "images") {
      return elements_of(f, [&](od::value img) -> error_code {
        Media m{"photo", "", std::nullopt};
        error_code e = fields_of(img, [&](std::string_view ik, od::value iv) -> error_code {
          if (ik == "fullsize") read_string(iv, &m.url);
          return SUCCESS;
        });
        pv.media.push_back(std::move(m));
        return e;
      });
    } else if (k == "external") {
      Media m{"link", "", std::nullopt};
      error_code e = fields_of(f, [&](std::string_view ek, od::value ev) -> error_code {
        if (ek == "uri") read_string(ev, &m.url);
        return SUCCESS;
      });
      pv.media.push_back(std::move(m));
      return e;
    } else if (k == "playlist") {  // app.bsky.embed.video#view
      Media m{"video", "", std::nullopt};
      read_string(f, &m.url);
      pv.media.push_back(std::move(m));
    } else if (k == "record" && depth < 2) {
      // embed.record#view: {"record": {"uri": ...}}; recordWithMedia#view nests one more level.
      return fields_of(f, [&](std::string_view rk, od::value rv) -> error_code {
        if (rk == "uri" && pv.quoted.empty())
          read_string(rv, &pv.quoted);
        else if (rk == "record")
          return read_embed_view(rv, pv, depth + 1);
        return SUCCESS;
      });
    } else if (k == "uri" && depth > 0 && pv.quoted.empty()) {
      read_string(f, &pv.quoted);
    } else if (k == "media") {
      return read_embed_view(f, pv, depth + 1);
    }
    return SUCCESS;
  });
}

error_code read_record(od::value v, PostView& pv) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "text") {
      read_string(f, &pv.text, &pv.repairs);
    } else if (k == "createdAt") {
      read_time(f, &pv.created);
    } else if (k == "langs") {
      return elements_of(f, [&](od::value l) -> error_code {
        if (pv.lang.empty()) read_string(l, &pv.lang);
        return SUCCESS;
      });
    } else if (k == "reply") {
      return fields_of(f, [&](std::string_view rk, od::value rv) -> error_code {
        if (rk != "parent") return SUCCESS;
        return fields_of(rv, [&](std::string_view pk, od::value pvv) -> error_code {
          if (pk == "uri") read_string(pvv, &pv.reply_parent);
          return SUCCESS;
        });
      });
    } else if (k == "facets") {
      return elements_of(f, [&](od::value fv) -> error_code {
        Facet facet;
        error_code e = fields_of(fv, [&](std::string_view fk, od::value x) -> error_code {
          if (fk == "index") {
            return fields_of(x, [&](std::string_view ik, od::value iv) -> error_code {
              auto n = read_count(iv);
              if (ik == "byteStart" && n)
                facet.start = static_cast<uint64_t>(*n);
              else if (ik == "byteEnd" && n)
                facet.end = static_cast<uint64_t>(*n);
              return SUCCESS;
            });
          }
          if (fk != "features") return SUCCESS;
          return elements_of(x, [&](od::value feat) -> error_code {
            return fields_of(feat, [&](std::string_view ftk, od::value ftv) -> error_code {
              if (ftk == "$type") {
                std::string t;
                read_string(ftv, &t);
                facet.kind = t.substr(t.find('#') + 1);
              } else if (ftk == "uri" || ftk == "did" || ftk == "tag") {
                read_string(ftv, &facet.value);
              }
              return SUCCESS;
            });
          });
        });
        pv.facets.push_back(std::move(facet));
        return e;
      });
    }
    return SUCCESS;
  });
}

error_code read_post_view(od::value v, PostView& pv) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "uri") {
      read_string(f, &pv.uri);
    } else if (k == "author") {
      return fields_of(f, [&](std::string_view ak, od::value av) -> error_code {
        if (ak == "did")
          read_string(av, &pv.did);
        else if (ak == "handle")
          read_string(av, &pv.handle);
        else if (ak == "displayName")
          read_string(av, &pv.name);
        return SUCCESS;
      });
    } else if (k == "record") {
      return read_record(f, pv);
    } else if (k == "embed") {
      return read_embed_view(f, pv, 0);
    } else if (k == "replyCount") {
      pv.replies = read_count(f);
    } else if (k == "repostCount") {
      pv.reposts = read_count(f);
    } else if (k == "likeCount") {
      pv.likes = read_count(f);
    } else if (k == "quoteCount") {
      pv.quotes = read_count(f);
    }
    return SUCCESS;
  });
}

struct Reason {
  bool repost = false;
  std::string did, handle, name;
  std::optional<EpochMillis> at;
};

void emit_post(PostView& pv, const Reason& reason, MapContext& ctx) {
  if (pv.uri.empty()) return;
  Post& p = *ctx.post;
  p.clear();
  p.platform = "bluesky";
  std::string rkey;
  p.native_id = native_of(pv.uri, &rkey);
  p.url = "https://bsky.app/profile/" + (pv.handle.empty() ? pv.did : pv.handle) + "/post/" + rkey;
  p.created_at = pv.created;
  p.author_id = pv.did;
  p.author_handle = pv.handle;
  p.author_name = pv.name;
  p.text = pv.text;
  p.lang = pv.lang;
  p.utf8_repairs = pv.repairs;
  p.media = pv.media;
  p.comments = pv.replies;
  p.shares = pv.reposts;
  p.likes = pv.likes;
  p.quotes = pv.quotes;
  p.given_hashtags = p.given_mentions = p.given_urls = true;
  for (const Facet& f : pv.facets) {
    if (f.kind == "tag") {
      p.hashtags.push_back(f.value);
    } else if (f.kind == "link") {
      p.urls.push_back(f.value);
    } else if (f.kind == "mention") {
      // The handle as written in the text ("@name.bsky.social"); the DID when the offsets
      // do not fit the text.
      std::string m;
      if (f.start < f.end && f.end <= pv.text.size()) m = pv.text.substr(f.start, f.end - f.start);
      if (!m.empty() && m[0] == '@') m.erase(0, 1);
      p.mentions.push_back(m.empty() ? f.value : m);
    }
  }
  for (const Media& m : pv.media) {
    if (m.type == "link" && !m.url.empty() &&
        std::find(p.urls.begin(), p.urls.end(), m.url) == p.urls.end()) {
      p.urls.push_back(m.url);
    }
  }
  if (!pv.reply_parent.empty()) {
    p.type = "reply";
    p.parent = "bluesky:" + native_of(pv.reply_parent);
  } else if (!pv.quoted.empty()) {
    p.type = "quote";
    p.parent = "bluesky:" + native_of(pv.quoted);
  }
  if (reason.repost) {
    // The feed owner reposted someone's post: the repost is theirs, the post is its parent.
    p.parent = "bluesky:" + p.native_id;
    p.native_id += "/repost/" + reason.did;
    p.type = "repost";
    p.author_id = reason.did;
    p.author_handle = reason.handle;
    p.author_name = reason.name;
    if (reason.at) p.created_at = reason.at;
    p.comments = p.shares = p.likes = p.quotes = std::nullopt;  // the counts are the original's
  }
  ctx.emit();
}

error_code read_feed_item(od::value v, MapContext& ctx) {
  PostView pv;
  Reason reason;
  error_code e = fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "post") return read_post_view(f, pv);
    if (k == "reason") {
      return fields_of(f, [&](std::string_view rk, od::value rv) -> error_code {
        if (rk == "$type") {
          std::string t;
          read_string(rv, &t);
          reason.repost = t.find("reasonRepost") != std::string::npos;
        } else if (rk == "indexedAt") {
          read_time(rv, &reason.at);
        } else if (rk == "by") {
          return fields_of(rv, [&](std::string_view bk, od::value bv) -> error_code {
            if (bk == "did")
              read_string(bv, &reason.did);
            else if (bk == "handle")
              read_string(bv, &reason.handle);
            else if (bk == "displayName")
              read_string(bv, &reason.name);
            return SUCCESS;
          });
        }
        return SUCCESS;
      });
    }
    return SUCCESS;
  });
  if (e) return e;
  emit_post(pv, reason, ctx);
  return SUCCESS;
}

// A thread view of getPostThread: its post, the posts above it ("parent") and the replies
// below, each a thread view again; blocked or deleted posts (notFoundPost) have no "post".
error_code read_thread(od::value v, MapContext& ctx, int depth) {
  if (depth > 64) return SUCCESS;  // deeper than any thread the API returns
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "post") {
      ctx.item();
      PostView pv;
      if (auto err = read_post_view(f, pv)) return err;
      emit_post(pv, Reason{}, ctx);
    } else if (k == "parent") {
      return read_thread(f, ctx, depth + 1);
    } else if (k == "replies") {
      return elements_of(f, [&](od::value r) { return read_thread(r, ctx, depth + 1); });
    }
    return SUCCESS;
  });
}

}  // namespace

Status map_bluesky(od::document& doc, MapContext& ctx) {
  // Which shape? A page has "feed" or "posts"; an item has "post"; a post view has "uri".
  bool page = false, item = false;
  error_code e = for_each_field(doc, [&](std::string_view k, od::value) -> error_code {
    if (k == "feed" || k == "posts" || k == "thread") page = true;
    if (k == "post") item = true;
    return SUCCESS;
  });
  if (e) return json_error("bluesky response", e);
  doc.rewind();
  if (page) {
    e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
      if (k == "thread") {  // getPostThread
        ctx.found = true;
        return read_thread(f, ctx, 0);
      }
      if (k == "feed") {
        ctx.found = true;
        return elements_of(f, [&](od::value v) {
          ctx.item();
          return read_feed_item(v, ctx);
        });
      }
      if (k == "posts") {
        ctx.found = true;
        return elements_of(f, [&](od::value v) -> error_code {
          ctx.item();
          PostView pv;
          if (auto err = read_post_view(v, pv)) return err;
          emit_post(pv, Reason{}, ctx);
          return SUCCESS;
        });
      }
      return SUCCESS;
    });
  } else {
    od::value v;
    if (auto err = doc.get_value().get(v)) return json_error("bluesky response", err);
    ctx.item();
    if (item) {
      e = read_feed_item(v, ctx);
    } else {
      PostView pv;
      e = read_post_view(v, pv);
      if (!e) emit_post(pv, Reason{}, ctx);
    }
  }
  if (e) return json_error("bluesky response", e);
  return {};
}

}  // namespace pantau::normalize
