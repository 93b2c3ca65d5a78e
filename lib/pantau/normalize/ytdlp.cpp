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

// Extractors of lists (a channel's tab, a playlist, a user page) rather than of one video.
bool is_list_extractor(std::string_view key) {
  for (std::string_view part : {"Tab", "Playlist", "User", "Channel", "Search"}) {
    if (key.find(part) != std::string_view::npos) return true;
  }
  return false;
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

// The fields of one info dict: a video, or a playlist (-J) whose entries are videos or, for a
// channel's tabs, playlists again.
struct InfoFields {
  std::string id, type, extractor, ie_key, title, description, url, webpage_url, upload_date;
  std::string uploader, uploader_id, channel, channel_id, language;
  std::optional<EpochMillis> timestamp;
  std::optional<double> duration, epoch;
  std::optional<int64_t> views, likes, comments, reposts;
  size_t repairs = 0;
  bool entries = false;  // has an "entries" array
};

// Reads the fields of the object `v` into *f; `on_entries(od::value)` gets the "entries" array.
template <typename V, typename OnEntries>
error_code read_info(V&& v, InfoFields* f, OnEntries&& on_entries) {
  return for_each_field(v, [&](std::string_view k, od::value x) -> error_code {
    if (k == "id")
      read_id(x, &f->id);
    else if (k == "_type")
      read_string(x, &f->type);
    else if (k == "extractor_key" || (k == "extractor" && f->extractor.empty())) {
      f->extractor.clear();
      read_string(x, &f->extractor);
    } else if (k == "ie_key")
      read_string(x, &f->ie_key);
    else if (k == "title")
      read_string(x, &f->title, &f->repairs);
    else if (k == "description")
      read_string(x, &f->description, &f->repairs);
    else if (k == "webpage_url")
      read_string(x, &f->webpage_url);
    else if (k == "url")
      read_string(x, &f->url);
    else if (k == "timestamp")
      read_time(x, &f->timestamp);
    else if (k == "upload_date")
      read_string(x, &f->upload_date);
    else if (k == "uploader")
      read_string(x, &f->uploader);
    else if (k == "uploader_id")
      read_id(x, &f->uploader_id);
    else if (k == "channel")
      read_string(x, &f->channel);
    else if (k == "channel_id")
      read_id(x, &f->channel_id);
    else if (k == "language")
      read_string(x, &f->language);
    else if (k == "duration")
      f->duration = read_double(x);
    else if (k == "view_count")
      f->views = read_count(x);
    else if (k == "like_count")
      f->likes = read_count(x);
    else if (k == "comment_count")
      f->comments = read_count(x);
    else if (k == "repost_count")
      f->reposts = read_count(x);
    else if (k == "epoch")
      f->epoch = read_double(x);
    else if (k == "entries") {
      od::json_type t;
      if (x.type().get(t) == SUCCESS && t == od::json_type::array) {
        f->entries = true;
        return on_entries(x);
      }
    }
    return SUCCESS;
  });
}

// Makes the post of the video `f`; `list` is the playlist it is an entry of (nullptr for a
// single video), whose extractor and uploader stand in for what a flat entry leaves out.
Status emit_video(const InfoFields& f, const InfoFields* list, MapContext& ctx) {
  Post& p = *ctx.post;
  p.clear();
  p.type = "video";
  p.native_id = f.id;
  p.utf8_repairs = f.repairs;
  // A -j dict names its extractor; a flat entry its ie_key ("TikTok", "Youtube"); failing both,
  // the playlist's ("TikTokUser", "YoutubeTab") says the platform.
  std::string_view extractor = !f.extractor.empty() ? f.extractor : f.ie_key;
  p.platform = platform_of_extractor(extractor);
  if (p.platform.empty() && list) {
    extractor = list->extractor;
    p.platform = platform_of_extractor(extractor);
  }
  if (p.platform.empty()) {
    return Error::unsupported("yt-dlp extractor \"" + std::string(extractor) +
                              "\" is not a supported platform");
  }
  p.title = f.title;
  p.text = f.description;
  p.url = !f.webpage_url.empty() ? f.webpage_url : f.url;
  p.lang = f.language;
  p.views = f.views;
  p.likes = f.likes;
  p.comments = f.comments;
  p.shares = f.reposts;
  p.created_at = f.timestamp;
  if (!p.created_at && f.upload_date.size() == 8) {
    std::string iso = f.upload_date.substr(0, 4) + "-" + f.upload_date.substr(4, 2) + "-" +
                      f.upload_date.substr(6, 2);
    parse_time_text(iso, &p.created_at);
    if (p.created_at) p.created_at_precision = "day";
  }
  std::string_view uploader = f.uploader, uploader_id = f.uploader_id, channel = f.channel,
                   channel_id = f.channel_id;
  if (list && uploader.empty() && uploader_id.empty() && channel.empty() && channel_id.empty()) {
    // A flat entry of a channel or user playlist: the playlist's owner is the author.
    uploader = list->uploader;
    uploader_id = list->uploader_id;
    channel = list->channel;
    channel_id = list->channel_id;
  }
  if (p.platform == "youtube") {
    // uploader is the channel's name and uploader_id its @handle; channel_id is UC...
    p.author_id = channel_id;
    p.author_name = uploader.empty() ? channel : uploader;
    if (!uploader_id.empty() && uploader_id[0] == '@') p.author_handle = uploader_id;
    if (p.url.empty() && !p.native_id.empty()) {
      p.url = "https://www.youtube.com/watch?v=" + p.native_id;
    }
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
  p.media.push_back({"video", p.url, f.duration});
  ctx.emit();
  return {};
}

// The entries of a playlist: videos, or playlists of their own (a channel's Videos and Shorts
// tabs), read depth first. An entry that is null (a video yt-dlp could not extract) is an item
// without a post.
struct EntriesRead {
  bool any = false;  // a post was made
  Status why;        // else why not, for the first entry that gave none
};
error_code read_entries(od::value entries, const InfoFields& list, MapContext& ctx,
                        EntriesRead* out, int depth) {
  return for_each_element(entries, [&](od::value entry) -> error_code {
    InfoFields f;
    error_code e = SUCCESS;
    od::json_type t;
    if (auto te = entry.type().get(t)) return te;
    if (t == od::json_type::object) {
      e = read_info(entry, &f, [&](od::value nested) -> error_code {
        if (depth >= 8) return SUCCESS;  // deeper than any real channel
        return read_entries(nested, list, ctx, out, depth + 1);
      });
    }
    if (e) return e;
    if (f.entries || f.type == "playlist") return SUCCESS;  // a tab: its entries were counted
    ctx.item();
    if (f.id.empty()) return SUCCESS;
    if (is_list_extractor(f.ie_key)) {
      // --flat-playlist on a channel's main URL lists its tabs ("Videos", "Shorts"), not videos.
      if (out->why.ok()) {
        out->why = Error::invalid("yt-dlp playlist entries are lists (" + f.ie_key + " " + f.url +
                                  "), not videos: run yt-dlp on such a URL itself");
      }
      return SUCCESS;
    }
    // An entry of an unsupported site is an item without a post; why is said when no entry
    // gave one.
    Status s = emit_video(f, &list, ctx);
    if (s.ok())
      out->any = true;
    else if (out->why.ok())
      out->why = s;
    return SUCCESS;
  });
}

}  // namespace

Status map_ytdlp(od::document& doc, MapContext& ctx) {
  // Read the top level first (a playlist's extractor and owner may come after its entries).
  InfoFields top;
  error_code e = read_info(doc, &top, [](od::value) { return SUCCESS; });
  if (e) return json_error("yt-dlp info", e);
  if (top.epoch && ctx.prov && ctx.prov->fetched_at.empty()) {
    ctx.prov->fetched_at = format_rfc3339(static_cast<EpochMillis>(*top.epoch * 1000));
  }
  if (!top.entries && top.type != "playlist") {
    ctx.item();
    return emit_video(top, nullptr, ctx);
  }
  // A playlist (-J): a channel, a user's videos, a search. Its entries are the videos.
  ctx.found = true;
  doc.rewind();
  EntriesRead read;
  e = for_each_field(doc, [&](std::string_view k, od::value v) -> error_code {
    if (k != "entries") return SUCCESS;
    od::json_type t;
    if (v.type().get(t) || t != od::json_type::array) return SUCCESS;
    return read_entries(v, top, ctx, &read, 0);
  });
  if (e) return json_error("yt-dlp playlist", e);
  return read.any ? Status() : read.why;
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
  ctx.found = true;  // an empty array is a gallery without posts
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
        ctx.item();
        return read_kwdict(part, true);
      }
      if (type == 3 && index == 2) {  // Url: a file of the current post
        read_string(part, &url);
        return SUCCESS;
      }
      if (type == 3 && index == 3) {
        if (!open) {  // a file without a directory message first
          ctx.item();
          read_kwdict(part, true);
        }
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
