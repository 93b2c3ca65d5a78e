// Telegram public channels -> posts, from two sources:
//
//  * t.me/s/<channel> preview pages (raw records, endpoint channel_page): HTML with one
//    "tgme_widget_message" block per post. We scan for the classes Telegram's page uses rather
//    than build a DOM: data-post="<channel>/<id>", the js-message_text div, <time datetime>,
//    tgme_widget_message_views ("436.6K"), reply and forward links, photo / video / voice
//    media, the link preview's title. Service messages (channel renamed, pinned, ...) are not
//    posts. native_id is "<channel username>/<message id>".
//  * Telegram Desktop exports (result.json): {"name", "type", "id", "messages": [...]} (or the
//    bare messages array, or a whole-account export with chats.list). date is the exporting
//    computer's local time without an offset, so we use date_unixtime; when an old export has
//    only date, we read it as Western Indonesia Time (UTC+07:00) -- see docs/normalize.md.
//    The channel has no username in an export, so native_id is "<channel id>/<message id>".
#include <charconv>
#include <cmath>

#include "pantau/normalize/html_text.h"
#include "pantau/normalize/mapping.h"

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

constexpr int kWibOffsetSeconds = 7 * 3600;

// The tag that contains position `pos`: [<, >], or empty when `pos` is not inside one. The
// scans stop at the first '<' or '>' either way, so they cost the tag's length, not the page's
// (a page of stray class names without tags stays linear).
std::string_view tag_at(std::string_view html, size_t pos) {
  if (pos >= html.size()) return {};
  size_t lt = html.find_last_of("<>", pos);
  if (lt == std::string_view::npos || html[lt] != '<') return {};
  size_t gt = html.find_first_of("<>", pos + 1);
  if (gt == std::string_view::npos || html[gt] != '>') return {};
  return html.substr(lt, gt - lt + 1);
}

// The inner HTML of the element whose start tag contains `pos`, up to its matching end tag
// (counting nested elements of the same name). The next start and end tags are each searched
// for once and kept until passed, so deep nesting costs one pass, not one pass per level.
std::string_view element_inner(std::string_view html, size_t pos, std::string_view name) {
  size_t gt = html.find('>', pos);
  if (gt == std::string_view::npos) return {};
  const std::string open = "<" + std::string(name);
  const std::string close = "</" + std::string(name) + ">";
  size_t depth = 1;
  size_t next_open = html.find(open, gt + 1);
  size_t next_close = html.find(close, gt + 1);
  while (next_close != std::string_view::npos) {
    if (next_open < next_close) {  // npos (no more start tags) is never less
      ++depth;
      next_open = html.find(open, next_open + open.size());
    } else {
      if (--depth == 0) return html.substr(gt + 1, next_close - gt - 1);
      next_close = html.find(close, next_close + close.size());
    }
  }
  return html.substr(gt + 1);
}

// Text of the element whose class attribute contains `cls`, or empty.
std::string text_of_class(std::string_view block, std::string_view cls, std::string_view tag) {
  size_t p = block.find(cls);
  if (p == std::string_view::npos) return {};
  std::string out;
  html_to_text(element_inner(block, p, tag), &out);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// "2", "436.6K", "1.2M" -> count.
std::optional<int64_t> parse_views(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc()) return std::nullopt;
  std::string_view unit = s.substr(static_cast<size_t>(end - s.data()));
  if (unit == "K")
    v *= 1e3;
  else if (unit == "M")
    v *= 1e6;
  else if (!unit.empty())
    return std::nullopt;
  return static_cast<int64_t>(std::llround(v));
}

// "1:02:03" / "0:14" -> seconds.
std::optional<double> parse_clock(std::string_view s) {
  double total = 0;
  bool any = false;
  size_t i = 0;
  while (i <= s.size()) {
    size_t colon = s.find(':', i);
    std::string_view part =
        s.substr(i, colon == std::string_view::npos ? std::string_view::npos : colon - i);
    int v = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || end != part.data() + part.size()) return std::nullopt;
    total = total * 60 + v;
    any = true;
    if (colon == std::string_view::npos) break;
    i = colon + 1;
  }
  return any ? std::optional<double>(total) : std::nullopt;
}

// "https://t.me/channel/123" -> "channel/123"; empty when it is not a post link.
std::string post_of_link(std::string_view url) {
  for (std::string_view prefix : {"https://t.me/", "http://t.me/", "https://telegram.me/"}) {
    if (url.substr(0, prefix.size()) == prefix) {
      std::string_view rest = url.substr(prefix.size());
      if (rest.substr(0, 2) == "s/") rest.remove_prefix(2);
      rest = rest.substr(0, rest.find_first_of("?#"));
      size_t slash = rest.find('/');
      if (slash == std::string_view::npos || slash + 1 >= rest.size()) return {};
      return std::string(rest);
    }
  }
  return {};
}

std::string url_in_style(std::string_view tag) {
  size_t p = tag.find("url('");
  if (p == std::string_view::npos) return {};
  size_t e = tag.find("')", p + 5);
  if (e == std::string_view::npos) return {};
  std::string out;
  decode_entities(tag.substr(p + 5, e - p - 5), &out);
  if (out.substr(0, 2) == "//") out.insert(0, "https:");
  return out;
}

// The bytes of `html` from the start of tag `head` up to `end`.
std::string_view block_between(std::string_view html, std::string_view head, const char* end) {
  const size_t start = static_cast<size_t>(head.data() - html.data());
  return html.substr(start, static_cast<size_t>(end - head.data()));
}

void read_message_block(std::string_view block, std::string_view head_tag, MapContext& ctx) {
  Post& p = *ctx.post;
  p.clear();
  p.platform = "telegram";
  p.native_id = attribute(head_tag, "data-post");
  if (p.native_id.empty() || head_tag.find("service_message") != std::string_view::npos) return;
  ctx.item();  // service messages (a pinned post, a title change) are not items
  p.url = "https://t.me/" + p.native_id;
  p.author_handle = p.native_id.substr(0, p.native_id.find('/'));
  p.author_name = text_of_class(block, "tgme_widget_message_owner_name", "a");

  // The post's own text: the div marked js-message_text (a reply's quote is js-message_reply_text).
  size_t text_pos = block.find("js-message_text");
  std::vector<std::string> links;
  if (text_pos != std::string_view::npos) {
    html_to_text(element_inner(block, text_pos, "div"), &p.text, &links);
    while (!p.text.empty() && (p.text.back() == '\n' || p.text.back() == ' ')) p.text.pop_back();
  }
  p.given_urls = true;
  for (auto& l : links) {
    // "?q=%23tag" are hashtag searches; t.me/<name> links are mentions: both are in the text.
    if (l.empty() || l[0] == '?' || l.rfind("https://t.me/", 0) == 0) continue;
    p.urls.push_back(std::move(l));
  }

  size_t date = block.find("tgme_widget_message_date");
  if (date != std::string_view::npos) {
    size_t t = block.find("datetime=\"", date);
    if (t != std::string_view::npos) {
      size_t e = block.find('"', t + 10);
      parse_time_text(block.substr(t + 10, e - t - 10), &p.created_at);
    }
  }
  std::string views = text_of_class(block, "tgme_widget_message_views", "span");
  if (!views.empty()) p.views = parse_views(views);

  size_t reply = block.find("tgme_widget_message_reply");
  if (reply != std::string_view::npos) {
    std::string target = post_of_link(attribute(tag_at(block, reply), "href"));
    p.type = "reply";
    if (!target.empty()) p.parent = "telegram:" + target;
  }
  size_t fwd = block.find("tgme_widget_message_forwarded_from_name");
  if (fwd != std::string_view::npos) {
    std::string target = post_of_link(attribute(tag_at(block, fwd), "href"));
    p.type = "repost";
    if (!target.empty()) p.parent = "telegram:" + target;
  }
  // Media.
  // One photo per tag: the next search starts past this tag's end, so a tag repeating the class
  // is read once.
  constexpr std::string_view kPhoto = "tgme_widget_message_photo_wrap";
  for (size_t at = block.find(kPhoto); at != std::string_view::npos;) {
    std::string_view tag = tag_at(block, at);
    p.media.push_back({"photo", url_in_style(tag), std::nullopt});
    // Outside a tag, the next one can only start at the next '<' (tag_at() from every class
    // name in a long text would scan back over it each time).
    const size_t past = tag.empty() ? block.find('<', at)
                                    : static_cast<size_t>(tag.data() - block.data()) + tag.size();
    if (past == std::string_view::npos) break;
    at = block.find(kPhoto, past);
  }
  size_t video = block.find("js-message_video\"");
  if (video == std::string_view::npos) video = block.find("tgme_widget_message_roundvideo ");
  if (video != std::string_view::npos) {
    Media m{"video", attribute(tag_at(block, video), "src"), std::nullopt};
    std::string d = text_of_class(block, "js-message_video_duration", "time");
    if (d.empty()) d = text_of_class(block, "tgme_widget_message_roundvideo_duration", "time");
    m.duration = parse_clock(d);
    p.media.push_back(std::move(m));
  }
  size_t voice = block.find("js-message_voice\"");
  if (voice != std::string_view::npos) {
    Media m{"audio", attribute(tag_at(block, voice), "src"), std::nullopt};
    m.duration = parse_clock(text_of_class(block, "tgme_widget_message_voice_duration", "time"));
    p.media.push_back(std::move(m));
  }
  if (block.find("tgme_widget_message_document_wrap") != std::string_view::npos) {
    p.media.push_back({"other", "", std::nullopt});
  }
  std::string preview = text_of_class(block, "link_preview_title", "div");
  if (!preview.empty()) p.title = preview;
  ctx.emit();
}

// Telegram Desktop export: text is a string or an array of strings and {type, text, href}.
error_code read_export_text(od::value v, std::string* out, size_t* repairs) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == od::json_type::string) {
    read_string(v, out, repairs);
    return SUCCESS;
  }
  return elements_of(v, [&](od::value part) -> error_code {
    od::json_type pt;
    if (auto e = part.type().get(pt)) return e;
    if (pt == od::json_type::string) {
      read_string(part, out, repairs);
      return SUCCESS;
    }
    return fields_of(part, [&](std::string_view k, od::value f) -> error_code {
      if (k == "text") read_string(f, out, repairs);
      return SUCCESS;
    });
  });
}

error_code read_export_message(od::value v, const std::string& channel_id,
                               const std::string& channel_name, MapContext& ctx) {
  Post& p = *ctx.post;
  p.clear();
  p.platform = "telegram";
  p.given_hashtags = p.given_mentions = p.given_urls = true;
  std::string id, type, date, from_id, reply_to, forwarded, media_type, photo, file;
  std::optional<double> duration;
  std::optional<EpochMillis> unixtime;
  error_code e = for_each_field(v, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id")
      read_id(f, &id);
    else if (k == "type")
      read_string(f, &type);
    else if (k == "date")
      read_string(f, &date);
    else if (k == "date_unixtime")
      read_time(f, &unixtime);
    else if (k == "from")
      read_string(f, &p.author_name);
    else if (k == "from_id")
      read_string(f, &from_id);
    else if (k == "reply_to_message_id")
      read_id(f, &reply_to);
    else if (k == "forwarded_from")
      read_string(f, &forwarded);
    else if (k == "media_type")
      read_string(f, &media_type);
    else if (k == "photo")
      read_string(f, &photo);
    else if (k == "file")
      read_string(f, &file);
    else if (k == "duration_seconds")
      duration = read_double(f);
    else if (k == "text")
      return read_export_text(f, &p.text, &p.utf8_repairs);
    else if (k == "text_entities") {
      return elements_of(f, [&](od::value ent) -> error_code {
        std::string et, etext, href;
        error_code ee = fields_of(ent, [&](std::string_view ek, od::value ev) -> error_code {
          if (ek == "type")
            read_string(ev, &et);
          else if (ek == "text")
            read_string(ev, &etext);
          else if (ek == "href")
            read_string(ev, &href);
          return SUCCESS;
        });
        if (et == "hashtag" && etext.size() > 1)
          p.hashtags.push_back(etext.substr(1));
        else if (et == "mention" && etext.size() > 1)
          p.mentions.push_back(etext.substr(1));
        else if (et == "mention_name")
          p.mentions.push_back(etext);
        else if (et == "link")
          p.urls.push_back(etext);
        else if (et == "text_link" && !href.empty())
          p.urls.push_back(href);
        return ee;
      });
    }
    return SUCCESS;
  });
  if (e) return e;
  if (type != "message") return SUCCESS;  // service messages are not posts, nor items
  ctx.item();
  if (id.empty()) return SUCCESS;
  std::string channel = channel_id;
  if (channel.empty() && from_id.rfind("channel", 0) == 0) channel = from_id.substr(7);
  p.native_id = channel.empty() ? id : channel + "/" + id;
  if (!channel.empty()) p.url = "https://t.me/c/" + channel + "/" + id;
  p.author_id = from_id;
  if (p.author_name.empty()) p.author_name = channel_name;
  if (unixtime) {
    p.created_at = unixtime;
  } else if (!date.empty()) {
    auto t = parse_datetime(date, kWibOffsetSeconds);
    if (t) p.created_at = *t;
  }
  if (!reply_to.empty()) {
    p.type = "reply";
    p.parent = "telegram:" + (channel.empty() ? reply_to : channel + "/" + reply_to);
  } else if (!forwarded.empty()) {
    p.type = "repost";
  }
  auto local_file = [](const std::string& f) {
    // "(File not included. ...)" placeholders are not files.
    return (f.empty() || f[0] == '(') ? std::string() : f;
  };
  if (!photo.empty()) p.media.push_back({"photo", local_file(photo), std::nullopt});
  if (!media_type.empty() || !file.empty()) {
    std::string mt = media_type == "video_file" || media_type == "video_message"   ? "video"
                     : media_type == "voice_message" || media_type == "audio_file" ? "audio"
                     : media_type == "animation"                                   ? "gif"
                                                                                   : "other";
    p.media.push_back({mt, local_file(file), duration});
  }
  ctx.emit();
  return SUCCESS;
}

}  // namespace

Status map_telegram_page(std::string_view html, MapContext& ctx) {
  // A page of Telegram's web preview has its tgme_ classes even when the channel has no posts.
  ctx.found = html.find("tgme_") != std::string_view::npos;
  // Message blocks start at tags carrying data-post; each runs to the next one.
  // A data-post outside a tag (no '<' before it, or text between tags) starts no block; the
  // search goes on at the next '<' then. Inside a tag, at the tag's end: its first data-post
  // names the message. Each block runs to the next block's tag. Each byte is looked at a
  // bounded number of times.
  std::string_view head;  // of the block being read
  for (size_t pos = html.find("data-post=\""); pos != std::string_view::npos;) {
    std::string_view tag = tag_at(html, pos);
    const size_t resume = tag.empty() ? html.find('<', pos)
                                      : static_cast<size_t>(tag.data() - html.data()) + tag.size();
    if (!tag.empty()) {
      if (!head.empty()) read_message_block(block_between(html, head, tag.data()), head, ctx);
      head = tag;
    }
    pos = resume == std::string_view::npos ? resume : html.find("data-post=\"", resume);
  }
  if (!head.empty())
    read_message_block(block_between(html, head, html.data() + html.size()), head, ctx);
  return {};
}

Status map_telegram_export(od::document& doc, MapContext& ctx) {
  od::json_type t;
  if (auto e = doc.type().get(t)) return json_error("telegram export", e);
  std::string channel_id, channel_name;
  auto messages = [&](od::value v) -> error_code {
    ctx.found = true;
    return elements_of(
        v, [&](od::value m) { return read_export_message(m, channel_id, channel_name, ctx); });
  };
  error_code e;
  if (t == od::json_type::array) {  // the messages array alone
    ctx.found = true;
    e = for_each_element(
        doc, [&](od::value m) { return read_export_message(m, channel_id, channel_name, ctx); });
  } else {
    // One chat: {"name", "type", "id", "messages"}; id and name come first in exports.
    e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
      if (k == "id")
        read_id(f, &channel_id);
      else if (k == "name")
        read_string(f, &channel_name);
      else if (k == "messages")
        return messages(f);
      else if (k == "chats") {  // a whole-account export: {"chats": {"list": [chat, ...]}}
        return fields_of(f, [&](std::string_view ck, od::value cv) -> error_code {
          if (ck != "list") return SUCCESS;
          return elements_of(cv, [&](od::value chat) -> error_code {
            channel_id.clear();
            channel_name.clear();
            return fields_of(chat, [&](std::string_view k2, od::value f2) -> error_code {
              if (k2 == "id")
                read_id(f2, &channel_id);
              else if (k2 == "name")
                read_string(f2, &channel_name);
              else if (k2 == "messages")
                return messages(f2);
              return SUCCESS;
            });
          });
        });
      }
      return SUCCESS;
    });
  }
  if (e) return json_error("telegram export", e);
  return {};
}

}  // namespace pantau::normalize
