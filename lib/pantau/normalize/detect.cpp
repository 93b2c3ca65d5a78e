#include "pantau/normalize/detect.h"

#include <array>
#include <utility>

namespace pantau::normalize {
namespace {

struct FormatInfo {
  InputFormat format;
  std::string_view name;    // --from
  std::string_view source;  // source.format
  Mapping mapping;
};

constexpr std::array<FormatInfo, 10> kFormats = {{
    {InputFormat::kAuto, "auto", "", {}},
    {InputFormat::kYtDlp, "yt-dlp", "yt-dlp", map_ytdlp},
    {InputFormat::kGalleryDl, "gallery-dl", "gallery-dl", map_gallery_dl},
    {InputFormat::kTwarc2, "twarc2", "twarc2", map_x},
    {InputFormat::kXApi, "x", "x.v2", map_x},
    {InputFormat::kMastodon, "mastodon", "mastodon.status", map_mastodon},
    {InputFormat::kBluesky, "bluesky", "bluesky.feed", map_bluesky},
    {InputFormat::kZeeschuimer, "zeeschuimer", "zeeschuimer", map_zeeschuimer},
    {InputFormat::kTikTok, "tiktok", "tiktok.research", map_tiktok},
    {InputFormat::kTelegramExport, "telegram-export", "telegram.export", map_telegram_export},
}};

const FormatInfo& info(InputFormat f) {
  for (const auto& i : kFormats) {
    if (i.format == f) return i;
  }
  return kFormats[0];
}

}  // namespace

std::optional<InputFormat> input_format_from_name(std::string_view name) {
  for (const auto& i : kFormats) {
    if (i.name == name) return i.format;
  }
  return std::nullopt;
}

std::string_view input_format_name(InputFormat f) { return info(f).name; }

std::vector<std::string> input_format_names() {
  std::vector<std::string> names;
  names.reserve(kFormats.size());
  for (const auto& i : kFormats) names.emplace_back(i.name);
  return names;
}

std::string_view source_format_of(InputFormat f) { return info(f).source; }

Mapping mapping_of(InputFormat f) { return info(f).mapping; }

void note_top_level_key(std::string_view key, std::string_view uri_value, KeySignature* s) {
  if (key == "__twarc")
    s->twarc = true;
  else if (key == "extractor" || key == "extractor_key")
    s->extractor = true;
  else if (key == "thread")
    s->thread = true;
  else if (key == "ancestors" || key == "descendants")
    s->ancestors = true;
  else if (key == "_type")
    s->type = true;
  else if (key == "ie_key")
    s->ie_key = true;
  else if (key == "webpage_url")
    s->webpage_url = true;
  else if (key == "source_platform")
    s->source_platform = true;
  else if (key == "content")
    s->content = true;
  else if (key == "account")
    s->account = true;
  else if (key == "feed")
    s->feed = true;
  else if (key == "post")
    s->post = true;
  else if (key == "posts")
    s->posts = true;
  else if (key == "data")
    s->data = true;
  else if (key == "includes")
    s->includes = true;
  else if (key == "meta")
    s->meta = true;
  else if (key == "messages")
    s->messages = true;
  else if (key == "record")
    s->record = true;
  else if (key == "error")
    s->error = true;
  else if (key == "uri") {
    if (uri_value.substr(0, 5) == "at://") s->uri_at = true;
    if (uri_value.substr(0, 4) == "http") s->uri_https = true;
  }
}

InputFormat detect_format(const KeySignature& s) {
  if (s.twarc) return InputFormat::kTwarc2;
  if (s.source_platform && s.data) return InputFormat::kZeeschuimer;
  if ((s.extractor && s.webpage_url) || (s.type && s.ie_key)) return InputFormat::kYtDlp;
  if (s.array_of_arrays) return InputFormat::kGalleryDl;
  if (s.array_of_statuses || s.ancestors || (s.uri_https && s.content && s.account))
    return InputFormat::kMastodon;
  if (s.feed || s.post || s.posts || s.thread || (s.uri_at && s.record))
    return InputFormat::kBluesky;
  if (s.messages) return InputFormat::kTelegramExport;
  if (s.data && (s.includes || s.meta)) return InputFormat::kXApi;
  if (s.data && s.error) return InputFormat::kTikTok;
  return InputFormat::kAuto;
}

}  // namespace pantau::normalize
