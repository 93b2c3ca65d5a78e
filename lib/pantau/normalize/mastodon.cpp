// Mastodon REST API statuses -> posts.
//
// Accepts an array of statuses (accounts/:id/statuses, tag timelines) or one status. Ids are
// local to the server that answered, so native_id is "<host>/<id>": "mastodon:mastodon.social/
// 1123...". The host is the registry account's instance when the raw record names one (fetch
// asks that instance, or a stand-in for it given with --api-base: one post keeps one id whichever
// address answered), else the host of the request URL, else of the status's own uri.
// content is HTML (html_text.h); tags[] and mentions[] are entities; links are the content's
// <a href> targets that are neither hashtags nor mentions. A boost (reblog) becomes a repost
// carrying the boosted status's text, with the boosted status as parent.
#include "pantau/normalize/html_text.h"
#include "pantau/normalize/mapping.h"

#include <cctype>
#include <memory>
#include <string>

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

std::string_view host_of(std::string_view url) {
  size_t s = url.find("://");
  if (s == std::string_view::npos) return {};
  url.remove_prefix(s + 3);
  return url.substr(0, url.find_first_of("/?#"));
}

// The instance of the registry account a raw record was fetched for ("user@host" handle), or
// "" when the record has no account or its handle names no instance.
std::string account_instance(const Provenance* prov) {
  if (prov == nullptr || prov->account_json.empty()) return {};
  thread_local simdjson::dom::parser parser;
  std::string_view handle;
  if (parser.parse(prov->account_json)["handle"].get(handle) != SUCCESS) return {};
  const size_t at = handle.rfind('@');
  if (at == std::string_view::npos || at + 1 == handle.size()) return {};
  std::string host(handle.substr(at + 1));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

struct StatusData {
  Post post;
  std::string id, url, uri, reply_to, acct, account_url;
  std::string content, spoiler;
  std::vector<std::string> links;
  std::unique_ptr<StatusData> reblog;
  std::string quoted_id;
};

error_code read_status(od::value v, StatusData& s, int depth);

error_code read_account(od::value v, StatusData& s) {
  Post& p = s.post;
  return fields_of(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id")
      read_id(f, &p.author_id);
    else if (k == "acct")
      read_string(f, &s.acct);
    else if (k == "display_name")
      read_string(f, &p.author_name, &p.utf8_repairs);
    else if (k == "url")
      read_string(f, &s.account_url);
    return SUCCESS;
  });
}

error_code read_status(od::value v, StatusData& s, int depth) {
  Post& p = s.post;
  p.platform = "mastodon";
  p.given_hashtags = p.given_mentions = p.given_urls = true;
  return for_each_field(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id") {
      read_id(f, &s.id);
    } else if (k == "created_at") {
      read_time(f, &p.created_at);
    } else if (k == "in_reply_to_id") {
      read_id(f, &s.reply_to);
    } else if (k == "language") {
      read_string(f, &p.lang);
    } else if (k == "uri") {
      read_string(f, &s.uri);
    } else if (k == "url") {
      read_string(f, &s.url);
    } else if (k == "content") {
      read_string(f, &s.content, &p.utf8_repairs);
    } else if (k == "spoiler_text") {
      read_string(f, &s.spoiler, &p.utf8_repairs);
    } else if (k == "replies_count") {
      p.comments = read_count(f);
    } else if (k == "reblogs_count") {
      p.shares = read_count(f);
    } else if (k == "favourites_count") {
      p.likes = read_count(f);
    } else if (k == "quotes_count") {
      p.quotes = read_count(f);
    } else if (k == "account") {
      return read_account(f, s);
    } else if (k == "reblog" && depth == 0) {
      od::json_type t;
      if (auto e = f.type().get(t)) return e;
      if (t != od::json_type::object) return SUCCESS;
      s.reblog = std::make_unique<StatusData>();
      return read_status(f, *s.reblog, depth + 1);
    } else if (k == "quote" && depth == 0) {
      // Mastodon 4.5: {"state": "accepted", "quoted_status": {...}} (null when not accepted).
      return fields_of(f, [&](std::string_view qk, od::value qv) -> error_code {
        if (qk != "quoted_status") return SUCCESS;
        return fields_of(qv, [&](std::string_view sk, od::value sv) -> error_code {
          if (sk == "id") read_id(sv, &s.quoted_id);
          return SUCCESS;
        });
      });
    } else if (k == "media_attachments") {
      return elements_of(f, [&](od::value m) -> error_code {
        Media media;
        std::string remote;
        error_code e = fields_of(m, [&](std::string_view mk, od::value mv) -> error_code {
          if (mk == "type") {
            read_string(mv, &media.type);
          } else if (mk == "url") {
            read_string(mv, &media.url);
          } else if (mk == "remote_url") {
            read_string(mv, &remote);
          } else if (mk == "meta") {
            return fields_of(mv, [&](std::string_view ok, od::value ov) -> error_code {
              if (ok != "original") return SUCCESS;
              return fields_of(ov, [&](std::string_view dk, od::value dv) -> error_code {
                if (dk == "duration") media.duration = read_double(dv);
                return SUCCESS;
              });
            });
          }
          return SUCCESS;
        });
        if (media.url.empty()) media.url = remote;
        if (media.type == "image")
          media.type = "photo";
        else if (media.type == "gifv")
          media.type = "gif";
        else if (media.type != "video" && media.type != "audio")
          media.type = "other";
        p.media.push_back(std::move(media));
        return e;
      });
    } else if (k == "mentions") {
      return elements_of(f, [&](od::value m) -> error_code {
        return fields_of(m, [&](std::string_view mk, od::value mv) -> error_code {
          std::string acct;
          if (mk == "acct" && read_string(mv, &acct)) p.mentions.push_back(std::move(acct));
          return SUCCESS;
        });
      });
    } else if (k == "tags") {
      return elements_of(f, [&](od::value t) -> error_code {
        return fields_of(t, [&](std::string_view tk, od::value tv) -> error_code {
          std::string name;
          if (tk == "name" && read_string(tv, &name)) p.hashtags.push_back(std::move(name));
          return SUCCESS;
        });
      });
    }
    return SUCCESS;
  });
}

// Turns the fields read into the post: text from HTML, ids with the server's host, links.
void finish(StatusData& s, std::string_view host) {
  Post& p = s.post;
  p.native_id.assign(host);
  p.native_id.push_back('/');
  p.native_id.append(s.id);
  p.url = s.url.empty() ? s.uri : s.url;
  if (!s.spoiler.empty()) {  // the content warning is part of what readers see first
    p.text = s.spoiler;
    p.text.append("\n\n");
  }
  html_to_text(s.content, &p.text, &s.links);
  for (auto& link : s.links) {
    // Hashtag and mention links point into the fediverse; the rest are the post's URLs.
    if (link.find("/tags/") != std::string::npos || link.find("/@") != std::string::npos) continue;
    p.urls.push_back(std::move(link));
  }
  if (!s.acct.empty()) {
    p.author_handle = s.acct;
    std::string_view account_host = host_of(s.account_url);
    if (s.acct.find('@') == std::string::npos && !account_host.empty()) {
      p.author_handle.push_back('@');
      p.author_handle.append(account_host);
    }
  }
  if (!s.reply_to.empty()) {
    p.type = "reply";
    p.parent = "mastodon:" + std::string(host) + "/" + s.reply_to;
  } else if (!s.quoted_id.empty()) {
    p.type = "quote";
    p.parent = "mastodon:" + std::string(host) + "/" + s.quoted_id;
  }
}

error_code map_status(od::value v, MapContext& ctx) {
  StatusData s;
  if (auto e = read_status(v, s, 0)) return e;
  const std::string instance = account_instance(ctx.prov);
  std::string_view host = instance;
  if (host.empty()) host = host_of(ctx.prov ? ctx.prov->request_url : std::string_view());
  if (host.empty()) host = host_of(s.uri);
  if (s.reblog) {
    // A boost: the booster's act, carrying what was boosted.
    finish(*s.reblog, host);
    Post& p = s.post;
    p.native_id = std::string(host) + "/" + s.id;
    p.url = s.url.empty() ? s.uri : s.url;
    p.type = "repost";
    p.parent = "mastodon:" + s.reblog->post.native_id;
    p.text = s.reblog->post.text;
    p.lang = s.reblog->post.lang;
    p.hashtags = s.reblog->post.hashtags;
    p.mentions = s.reblog->post.mentions;
    p.urls = s.reblog->post.urls;
    p.media = s.reblog->post.media;
    if (!s.acct.empty()) {
      p.author_handle = s.acct;
      std::string_view account_host = host_of(s.account_url);
      if (s.acct.find('@') == std::string::npos && !account_host.empty()) {
        p.author_handle.push_back('@');
        p.author_handle.append(account_host);
      }
    }
  } else {
    finish(s, host);
  }
  if (s.id.empty()) return SUCCESS;
  ctx.sink->emit(s.post);
  return SUCCESS;
}

}  // namespace

Status map_mastodon(od::document& doc, MapContext& ctx) {
  od::json_type t;
  if (auto e = doc.type().get(t)) return json_error("mastodon response", e);
  error_code e;
  if (t == od::json_type::array) {
    ctx.found = true;
    e = for_each_element(doc, [&](od::value v) {
      ctx.item();
      return map_status(v, ctx);
    });
  } else {
    // statuses/:id/context is {"ancestors": [...], "descendants": [...]}; else one status.
    e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
      if (k != "ancestors" && k != "descendants") return SUCCESS;
      ctx.found = true;
      return elements_of(f, [&](od::value v) {
        ctx.item();
        return map_status(v, ctx);
      });
    });
    if (e) return json_error("mastodon context", e);
    if (ctx.found) return {};
    doc.rewind();
    od::value v;
    if (auto err = doc.get_value().get(v)) return json_error("mastodon response", err);
    ctx.item();
    e = map_status(v, ctx);
  }
  if (e) return json_error("mastodon status", e);
  return {};
}

}  // namespace pantau::normalize
