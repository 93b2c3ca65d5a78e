// AccountRef: what a registry cell ("https://www.youtube.com/@budi", "@budi@mastodon.social",
// "t.me/s/kanal", "UCxxxx", "profile.php?id=1000...") says about an account: its platform, its
// handle or id, and a canonical profile URL.
#pragma once

#include <string>
#include <string_view>

#include "pantau/result.h"

namespace pantau::fetch {

struct AccountRef {
  std::string platform;
  std::string handle;       // see Account::handle; for a legacy YouTube /user/NAME: "user/NAME"
  std::string platform_id;  // YouTube UC..., Facebook numeric id, Bluesky DID, X numeric id
  std::string url;          // canonical profile URL
};

// Parses a profile URL or handle. `platform_hint` is the canonical platform from the registry's
// platform column ("" when absent): it is needed for bare handles ("@budi") and must agree with
// the URL's platform when both are given. Supported:
//   youtube.com/@h, /channel/UC..., /c/NAME (becomes @NAME), /user/NAME; a bare "UC..." id
//   tiktok.com/@user; instagram.com/user; facebook.com/page, profile.php?id=N, /people/x/N
//   x.com/user, twitter.com/user; t.me/name, t.me/s/name; bsky.app/profile/handle-or-did
//   Mastodon "@user@host", "user@host", https://host/@user and https://host/users/user
// Errors say what is wrong ("not a profile url: ...", "platform column says x but ...").
Result<AccountRef> parse_account_ref(std::string_view text, std::string_view platform_hint);

// The profile URL of a handle or id on `platform`.
std::string profile_url(std::string_view platform, std::string_view handle,
                        std::string_view platform_id);

}  // namespace pantau::fetch
