#include "pantau/fetch/lookup.h"

namespace pantau::fetch {

std::unique_ptr<Lookup> make_lookup(std::string_view platform) {
  if (platform == "x") return make_x_lookup();
  if (platform == "youtube") return make_youtube_lookup();
  if (platform == "mastodon") return make_mastodon_lookup();
  if (platform == "bluesky") return make_bluesky_lookup();
  if (platform == "telegram") return make_telegram_lookup();
  if (platform == "tiktok") return make_tiktok_lookup();
  if (platform == "facebook") return make_facebook_lookup();
  return nullptr;
}

}  // namespace pantau::fetch
