// Meta Graph API -> posts: Facebook Page feeds (page_posts), Facebook comments, Instagram
// business_discovery media and /{ig-user}/media pages.
//
// Facebook: id "<page id>_<post id>", message, created_time ("+0000" without a colon),
// permalink_url, attachments (media), message_tags (mentions, by name), shares.count,
// comments.summary.total_count, reactions.summary.total_count (all reactions, as likes), from
// (when requested; else the page id is the id's prefix). Instagram: caption (hashtags and
// mentions inside it), media_type, media_url (thumbnail_url when withheld), children (a
// carousel's items, each a media entry), permalink, timestamp, like_count, comments_count;
// the author is business_discovery's username, which Graph may put after "media", so that
// mapping reads the document twice.
#include <vector>

#include "pantau/normalize/mapping.h"
#include "pantau/records/endpoint.h"

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

// The summary.total_count of {"summary": {"total_count": N}} (comments, reactions).
error_code summary_count(od::value v, std::optional<int64_t>* out) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k != "summary") return SUCCESS;
    return fields_of(f, [&](std::string_view sk, od::value sv) -> error_code {
      if (sk == "total_count") *out = read_count(sv);
      return SUCCESS;
    });
  });
}

std::string query_param(std::string_view url, std::string_view name) {
  std::string key = std::string(name) + "=";
  size_t p = url.find(key);
  if (p == std::string_view::npos || (p > 0 && url[p - 1] != '?' && url[p - 1] != '&')) return {};
  url.remove_prefix(p + key.size());
  return std::string(url.substr(0, url.find_first_of("&#")));
}

error_code read_attachment(od::value v, Post& p) {
  Media m;
  std::string media_type, type, url;
  error_code e = fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "media_type") {
      read_string(f, &media_type);
    } else if (k == "type") {
      read_string(f, &type);
    } else if (k == "url" || k == "unshimmed_url") {
      if (url.empty()) read_string(f, &url);
    } else if (k == "media") {
      return fields_of(f, [&](std::string_view mk, od::value mv) -> error_code {
        if (mk == "source") read_string(mv, &m.url);  // videos
        if (mk != "image") return SUCCESS;
        return fields_of(mv, [&](std::string_view ik, od::value iv) -> error_code {
          if (ik == "src" && m.url.empty()) read_string(iv, &m.url);
          return SUCCESS;
        });
      });
    } else if (k == "subattachments") {
      return fields_of(f, [&](std::string_view sk, od::value sv) -> error_code {
        if (sk != "data") return SUCCESS;
        return elements_of(sv, [&](od::value sub) { return read_attachment(sub, p); });
      });
    }
    return SUCCESS;
  });
  if (media_type == "photo" || media_type == "album")
    m.type = "photo";
  else if (media_type == "video")
    m.type = "video";
  else if (media_type == "link" || type == "share")
    m.type = "link";
  else
    m.type = "other";
  if (m.type == "link") {
    m.url = url;
    p.urls.push_back(url);
  }
  if (media_type != "album" && (!m.url.empty() || m.type != "other"))
    p.media.push_back(std::move(m));
  return e;
}

error_code read_facebook_item(od::value v, MapContext& ctx, bool comments) {
  Post& p = *ctx.post;
  p.clear();
  p.platform = "facebook";
  p.type = comments ? "comment" : "post";
  p.given_mentions = true;
  std::string page_name;
  error_code e = for_each_field(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id") {
      read_id(f, &p.native_id);
    } else if (k == "message") {
      read_string(f, &p.text, &p.utf8_repairs);
    } else if (k == "created_time") {
      read_time(f, &p.created_at);
    } else if (k == "permalink_url") {
      read_string(f, &p.url);
    } else if (k == "parent_id") {  // a shared post
      std::string parent;
      if (read_id(f, &parent) && !parent.empty()) {
        p.parent = "facebook:" + parent;
        if (!comments) p.type = "repost";
      }
    } else if (k == "from") {
      return fields_of(f, [&](std::string_view fk, od::value fv) -> error_code {
        if (fk == "id")
          read_id(fv, &p.author_id);
        else if (fk == "name")
          read_string(fv, &p.author_name);
        return SUCCESS;
      });
    } else if (k == "message_tags") {
      return elements_of(f, [&](od::value t) -> error_code {
        return fields_of(t, [&](std::string_view tk, od::value tv) -> error_code {
          std::string name;
          if (tk == "name" && read_string(tv, &name)) p.mentions.push_back(std::move(name));
          return SUCCESS;
        });
      });
    } else if (k == "attachments") {
      return fields_of(f, [&](std::string_view ak, od::value av) -> error_code {
        if (ak != "data") return SUCCESS;
        return elements_of(av, [&](od::value a) { return read_attachment(a, p); });
      });
    } else if (k == "shares") {
      return fields_of(f, [&](std::string_view sk, od::value sv) -> error_code {
        if (sk == "count") p.shares = read_count(sv);
        return SUCCESS;
      });
    } else if (k == "comments") {
      return summary_count(f, &p.comments);
    } else if (k == "comment_count") {
      p.comments = read_count(f);
    } else if (k == "reactions") {
      return summary_count(f, &p.likes);
    } else if (k == "like_count") {
      p.likes = read_count(f);
    }
    return SUCCESS;
  });
  if (e) return e;
  if (comments && p.native_id.empty()) {
    // Comment pages fetched without "id" still carry it in the permalink.
    // A reply's permalink names the comment it answers (comment_id) and itself
    // (reply_comment_id): the reply is its own post, and its parent is that comment.
    std::string c = query_param(p.url, "comment_id");
    std::string reply = query_param(p.url, "reply_comment_id");
    size_t posts = p.url.find("/posts/");
    if (!c.empty() && posts != std::string::npos) {
      std::string post_id = p.url.substr(posts + 7, p.url.find('/', posts + 7) - posts - 7);
      std::string page = p.url.substr(0, posts);
      page = page.substr(page.rfind('/') + 1);
      const std::string thread = page + "_" + post_id;
      if (reply.empty()) {
        p.native_id = thread + "_" + c;
        p.parent = "facebook:" + thread;
      } else {
        p.native_id = thread + "_" + reply;
        p.parent = "facebook:" + thread + "_" + c;
        p.type = "reply";
      }
    }
  }
  if (p.author_id.empty() && !comments) {
    size_t us = p.native_id.find('_');
    if (us != std::string::npos) p.author_id = p.native_id.substr(0, us);
  }
  if (p.url.empty() && !p.native_id.empty() && !comments) {
    p.url = "https://www.facebook.com/" + p.native_id;
  }
  ctx.emit();
  return SUCCESS;
}

// Graph API media_type -> pantau's media type.
std::string_view media_type_name(std::string_view media_type) {
  return media_type == "VIDEO" ? "video" : media_type == "IMAGE" ? "photo" : "other";
}

// children: {"data": [{"id", "media_type", "media_url", "thumbnail_url"}]}. A child video's
// media_url is withheld when it holds copyrighted audio; its thumbnail_url then stands in.
error_code read_carousel_children(od::value v, std::vector<Media>* out) {
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k != "data") return SUCCESS;
    return elements_of(f, [&](od::value child) -> error_code {
      Media m;
      std::string media_type, thumbnail;
      error_code e = fields_of(child, [&](std::string_view ck, od::value cv) -> error_code {
        if (ck == "media_url")
          read_string(cv, &m.url);
        else if (ck == "thumbnail_url")
          read_string(cv, &thumbnail);
        else if (ck == "media_type")
          read_string(cv, &media_type);
        return SUCCESS;
      });
      if (e) return e;
      m.type = media_type_name(media_type);
      if (m.url.empty()) m.url = std::move(thumbnail);
      out->push_back(std::move(m));
      return SUCCESS;
    });
  });
}

error_code read_instagram_media(od::value v, MapContext& ctx, const std::string& owner_id,
                                const std::string& owner_name) {
  Post& p = *ctx.post;
  p.clear();
  p.platform = "instagram";
  p.author_id = owner_id;
  p.author_handle = owner_name;
  Media m;
  std::string media_type;
  std::string thumbnail;
  std::vector<Media> children;  // a CAROUSEL_ALBUM's items, in order
  error_code e = for_each_field(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "children") return read_carousel_children(f, &children);
    if (k == "id")
      read_id(f, &p.native_id);
    else if (k == "caption")
      read_string(f, &p.text, &p.utf8_repairs);
    else if (k == "timestamp")
      read_time(f, &p.created_at);
    else if (k == "permalink")
      read_string(f, &p.url);
    else if (k == "media_url")
      read_string(f, &m.url);
    else if (k == "thumbnail_url")
      read_string(f, &thumbnail);
    else if (k == "media_type")
      read_string(f, &media_type);
    else if (k == "username" && p.author_handle.empty())
      read_string(f, &p.author_handle);
    else if (k == "like_count")
      p.likes = read_count(f);
    else if (k == "comments_count")
      p.comments = read_count(f);
    return SUCCESS;
  });
  if (e) return e;
  if (media_type == "VIDEO" && p.type == "post") p.type = "video";
  if (!children.empty()) {
    // The album's own media_url is its first child's; the children are the whole album.
    p.media = std::move(children);
  } else if (!m.url.empty() || !thumbnail.empty() || !media_type.empty()) {
    m.type = media_type_name(media_type);
    if (media_type == "CAROUSEL_ALBUM") m.type = "photo";
    if (m.url.empty()) m.url = std::move(thumbnail);
    p.media.push_back(std::move(m));
  }
  ctx.emit();
  return SUCCESS;
}

}  // namespace

Status map_facebook(od::document& doc, MapContext& ctx) {
  const bool comments = ctx.endpoint.find("comments") != std::string_view::npos;
  od::json_type t;
  if (auto e = doc.type().get(t)) return json_error("facebook response", e);
  if (ctx.endpoint == records::endpoint::kFacebookPostsById) {
    // GET /?ids=A,B (fetch-accounts --recheck): {"A": {post}, "B": {post}}.
    ctx.found = true;
    error_code e = for_each_field(doc, [&](std::string_view, od::value f) -> error_code {
      ctx.item();
      return read_facebook_item(f, ctx, false);
    });
    if (e) return json_error("facebook response", e);
    return {};
  }
  error_code e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    if (k == "data") {
      ctx.found = true;
      return elements_of(f, [&](od::value item) {
        ctx.item();
        return read_facebook_item(item, ctx, comments);
      });
    }
    return SUCCESS;
  });
  if (e) return json_error("facebook response", e);
  return {};
}

Status map_instagram(od::document& doc, MapContext& ctx) {
  std::string owner_id, owner_name;
  // First pass: whose media this is.
  error_code e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    if (k != "business_discovery") return SUCCESS;
    return fields_of(f, [&](std::string_view bk, od::value bv) -> error_code {
      if (bk == "id")
        read_id(bv, &owner_id);
      else if (bk == "username")
        read_string(bv, &owner_name);
      return SUCCESS;
    });
  });
  if (e) return json_error("instagram response", e);
  doc.rewind();
  auto media_page = [&](od::value page) -> error_code {
    return fields_of(page, [&](std::string_view mk, od::value mv) -> error_code {
      if (mk != "data") return SUCCESS;
      ctx.found = true;
      return elements_of(mv, [&](od::value item) {
        ctx.item();
        return read_instagram_media(item, ctx, owner_id, owner_name);
      });
    });
  };
  e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    if (k == "data") {  // /{ig-user}/media
      ctx.found = true;
      return elements_of(f, [&](od::value item) {
        ctx.item();
        return read_instagram_media(item, ctx, owner_id, owner_name);
      });
    }
    if (k != "business_discovery") return SUCCESS;
    ctx.found = true;  // an account without media has no "media"
    return fields_of(f, [&](std::string_view bk, od::value bv) -> error_code {
      return bk == "media" ? media_page(bv) : SUCCESS;
    });
  });
  if (e) return json_error("instagram response", e);
  return {};
}

}  // namespace pantau::normalize
