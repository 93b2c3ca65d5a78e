// One platform response as a raw record's body, through its mapping. The input is
// "PLATFORM ENDPOINT ADAPTER\n" then the body; without such a first line, its first byte picks
// the platform and the whole input is the body (so API fixtures replay as they are).
#include <array>

#include "fuzz_support.h"
#include "raw_record.h"

namespace {

struct Source {
  const char* platform;
  const char* endpoint;
  const char* adapter;
};
constexpr std::array<Source, 12> kSources{{
    {"youtube", "playlistItems", "youtube"},
    {"x", "user_tweets", "x"},
    {"facebook", "posts", "facebook"},
    {"instagram", "media", "instagram"},
    {"tiktok", "video_query", "tiktok"},
    {"mastodon", "statuses", "mastodon"},
    {"bluesky", "getAuthorFeed", "bluesky"},
    {"telegram", "channel_page", "telegram"},
    {"youtube", "yt-dlp", "command:yt-dlp"},
    {"x", "gallery-dl", "command:gallery-dl"},
    {"tiktok", "", "command:yt-dlp"},
    {"youtube", "commentThreads", "youtube"},
}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > pantau::fuzz::kMaxInput) return 0;
  std::string_view in = pantau::fuzz::as_text(data, size);
  std::string platform, endpoint, adapter;
  std::string_view body = in;
  const size_t nl = in.find('\n');
  const std::string_view first = in.substr(0, nl);
  const size_t s1 = first.find(' ');
  const size_t s2 = s1 == std::string_view::npos ? s1 : first.find(' ', s1 + 1);
  if (nl != std::string_view::npos && s2 != std::string_view::npos && nl < 64) {
    platform = first.substr(0, s1);
    endpoint = first.substr(s1 + 1, s2 - s1 - 1);
    adapter = first.substr(s2 + 1);
    body = in.substr(nl + 1);
  } else {
    const Source& s = kSources[static_cast<uint8_t>(in[0]) % kSources.size()];
    platform = s.platform;
    endpoint = s.endpoint;
    adapter = s.adapter;
  }
  pantau::fuzz::normalize_raw_record(platform, endpoint, adapter, body);
  return 0;
}
