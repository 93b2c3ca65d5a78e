// Command collectors -> posts: yt-dlp info JSON (yt-dlp -j / --dump-json, one video per line,
// for YouTube, TikTok, Facebook, Instagram and X) and gallery-dl -j output.
//
// yt-dlp: the platform comes from extractor_key; created_at from timestamp (epoch seconds),
// else upload_date ("YYYYMMDD", a date only); "epoch" is when yt-dlp extracted the data and
// becomes fetched_at. gallery-dl: the output is an array of messages -- [2, {post metadata}]
// opens a post ("directory"), [3, "url", {file metadata}] adds a file to it -- and the
// metadata's "category" names the site.
#include <algorithm>

#include "pantau/normalize/mapping.h"

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

std::string_view platform_of_extractor(std::string_view key) {
  std::string k;
  for (char c : key) k.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  if (k.rfind("youtube", 0) == 0) return "youtube";
  if (k.rfind("tiktok", 0) == 0) return "tiktok";
  if (k.rfind("facebook", 0) == 0) return "facebook";
  if (k.rfind("instagram", 0) == 0) return "instagram";
  if (k.rfind("twitter", 0) == 0 || k == "x") return "x";
  if (k.rfind("telegram", 0) == 0) return "telegram";
  if (k.rfind("bluesky", 0) == 0) return "bluesky";
  return {};
}

std::string_view media_type_of_url(std::string_view url) {
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  size_t dot = path.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (ext == "jpg" || ext == "jpeg" || ext == "png" || ext == "webp" || ext == "heic")
    return "photo";
  if (ext == "mp4" || ext == "webm" || ext == "mov" || ext == "m3u8" || ext == "mkv")
    return "video";
  if (ext == "gif") return "gif";
  if (ext == "mp3" || ext == "m4a" || ext == "ogg" || ext == "opus") return "audio";
  return "other";
}

}  // namespace

Status map_ytdlp(od::document& doc, MapContext& ctx) {
  Post& p = *ctx.post;
  p.clear();
  p.type = "video";
  std::string extractor, upload_date, uploader, uploader_id, channel, channel_id, type;
  std::optional<double> duration, epoch;
  error_code e = for_each_field(doc, [&](std::string_view k, od::value f) -> error_code {
    if (k == "id")
      read_id(f, &p.native_id);
    else if (k == "_type")
      read_string(f, &type);
    else if (k == "extractor_key" || (k == "extractor" && extractor.empty())) {
      extractor.clear();
      read_string(f, &extractor);
    } else if (k == "title")
      read_string(f, &p.title, &p.utf8_repairs);
    else if (k == "description")
      read_string(f, &p.text, &p.utf8_repairs);
    else if (k == "webpage_url")
      read_string(f, &p.url);
    else if (k == "timestamp")
      read_time(f, &p.created_at);
    else if (k == "upload_date")
      read_string(f, &upload_date);
    else if (k == "uploader")
      read_string(f, &uploader);
    else if (k == "uploader_id")
      read_id(f, &uploader_id);
    else if (k == "channel")
      read_string(f, &channel);
    else if (k == "channel_id")
      read_id(f, &channel_id);
    else if (k == "language")
      read_string(f, &p.lang);
    else if (k == "duration")
      duration = read_double(f);
    else if (k == "view_count")
      p.views = read_count(f);
    else if (k == "like_count")
      p.likes = read_count(f);
    else if (k == "comment_count")
      p.comments = read_count(f);
    else if (k == "repost_count")
      p.shares = read_count(f);
    else if (k == "epoch")
      epoch = read_double(f);
    return SUCCESS;
  });
  if (e) return json_error("yt-dlp info", e);
  if (type == "playlist") return {};  // the channel or playlist itself: its entries come as lines
  p.platform = platform_of_extractor(extractor);
  if (p.platform.empty()) {
    return Error::unsupported("yt-dlp extractor \"" + extractor + "\" is not a supported platform");
  }
  if (!p.created_at && upload_date.size() == 8) {
    std::string iso =
        upload_date.substr(0, 4) + "-" + upload_date.substr(4, 2) + "-" + upload_date.substr(6, 2);
    parse_time_text(iso, &p.created_at);
  }
  if (p.platform == "youtube") {
    // uploader is the channel's name and uploader_id its @handle; channel_id is UC...
    p.author_id = channel_id;
    p.author_name = uploader.empty() ? channel : uploader;
    if (!uploader_id.empty() && uploader_id[0] == '@') p.author_handle = uploader_id;
  } else {
    // TikTok, Instagram, X: uploader is the handle, channel the display name.
    p.author_id = uploader_id.empty() ? channel_id : uploader_id;
    p.author_handle = uploader;
    p.author_name = channel;
  }
  // TikTok and Instagram titles are the description cut short: keep the description only.
  if (!p.title.empty() &&
      p.text.rfind(p.title.substr(0, std::min<size_t>(p.title.size(), 40)), 0) == 0) {
    p.title.clear();
  }
  p.media.push_back({"video", p.url, duration});
  if (epoch && ctx.prov && ctx.prov->fetched_at.empty()) {
    ctx.prov->fetched_at = format_rfc3339(static_cast<EpochMillis>(*epoch * 1000));
  }
  ctx.emit();
  return {};
}

Status map_gallery_dl(od::document& doc, MapContext& ctx) {
  Post& p = *ctx.post;
  bool open = false;
  auto flush = [&] {
    if (open && !p.native_id.empty() && !p.platform.empty()) ctx.emit();
    open = false;
  };
  // The metadata of a post ("kwdict"); the same fields repeat in each file's metadata.
  auto read_kwdict = [&](od::value v, bool fresh) -> error_code {
    if (fresh) {
      p.clear();
      open = true;
    }
    std::string category, date;
    error_code e = fields_of(v, [&](std::string_view k, od::value f) -> error_code {
      if (!fresh) return SUCCESS;
      if (k == "category") {
        read_string(f, &category);
      } else if (k == "tweet_id" || k == "post_id" || (k == "id" && p.native_id.empty())) {
        p.native_id.clear();
        read_id(f, &p.native_id);
      } else if (k == "content" || k == "description" || k == "desc") {
        p.text.clear();
        read_string(f, &p.text, &p.utf8_repairs);
      } else if (k == "date") {
        read_string(f, &date);
      } else if (k == "post_url") {
        read_string(f, &p.url);
      } else if (k == "username") {
        read_string(f, &p.author_handle);
      } else if (k == "fullname") {
        read_string(f, &p.author_name);
      } else if (k == "owner_id") {
        read_id(f, &p.author_id);
      } else if (k == "author" || k == "user") {
        return fields_of(f, [&](std::string_view ak, od::value av) -> error_code {
          if (ak == "id" && p.author_id.empty())
            read_id(av, &p.author_id);
          else if (ak == "name" && p.author_handle.empty())
            read_string(av, &p.author_handle);
          else if (ak == "nick" && p.author_name.empty())
            read_string(av, &p.author_name);
          return SUCCESS;
        });
      } else if (k == "likes" || k == "favorite_count") {
        p.likes = read_count(f);
      } else if (k == "retweet_count") {
        p.shares = read_count(f);
      } else if (k == "reply_count") {
        p.comments = read_count(f);
      } else if (k == "quote_count") {
        p.quotes = read_count(f);
      } else if (k == "view_count") {
        p.views = read_count(f);
      } else if (k == "lang") {
        read_string(f, &p.lang);
      }
      return SUCCESS;
    });
    if (fresh) {
      if (category == "twitter") category = "x";
      if (category == "x" || category == "instagram" || category == "tiktok" ||
          category == "facebook" || category == "youtube" || category == "bluesky" ||
          category == "mastodon" || category == "telegram") {
        // Keep platform as a view of a static string, as Post requires.
        static constexpr std::string_view kNames[] = {
            "x", "instagram", "tiktok", "facebook", "youtube", "bluesky", "mastodon", "telegram"};
        for (auto n : kNames) {
          if (n == category) p.platform = n;
        }
      }
      parse_time_text(date, &p.created_at);
      if (p.url.empty() && p.platform == "x" && !p.native_id.empty()) {
        p.url = "https://x.com/" + (p.author_handle.empty() ? "i/web" : p.author_handle) +
                "/status/" + p.native_id;
      }
    }
    return e;
  };
  error_code e = for_each_element(doc, [&](od::value msg) -> error_code {
    int64_t type = -1;
    int index = 0;
    std::string url;
    error_code me = elements_of(msg, [&](od::value part) -> error_code {
      ++index;
      if (index == 1) {
        if (auto n = read_count(part)) type = *n;
        return SUCCESS;
      }
      if (type == 2 && index == 2) {  // Directory: a new post
        flush();
        return read_kwdict(part, true);
      }
      if (type == 3 && index == 2) {  // Url: a file of the current post
        read_string(part, &url);
        return SUCCESS;
      }
      if (type == 3 && index == 3) {
        if (!open) read_kwdict(part, true);  // a file without a directory message first
        if (!url.empty()) {
          std::string_view t = media_type_of_url(url);
          p.media.push_back({std::string(t), url, std::nullopt});
        }
      }
      return SUCCESS;
    });
    return me;
  });
  if (e) return json_error("gallery-dl output", e);
  flush();
  return {};
}

}  // namespace pantau::normalize
