#include "pantau/fetch/account_ref.h"

#include <vector>

#include "pantau/fetch/url.h"

namespace pantau::fetch {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Host without "www.", "m.", "mobile." and similar prefixes.
std::string_view bare_host(std::string_view host) {
  for (std::string_view p : {"www.", "m.", "mobile.", "web.", "vm.", "music."}) {
    if (starts_with(host, p)) return host.substr(p.size());
  }
  return host;
}

std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view seg = path.substr(0, slash);
    if (!seg.empty()) out.push_back(percent_decode(seg, false));
    if (slash == std::string_view::npos) break;
    path = path.substr(slash + 1);
  }
  return out;
}

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Handles on the platforms that use them plainly: letters, digits, '_', '.', '-'.
bool is_handle_text(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// A Mastodon instance: a dotted host name, optionally with a port ("social.example:8443").
bool is_instance_text(std::string_view s) {
  const size_t colon = s.find(':');
  const std::string_view name = s.substr(0, colon);
  if (name.find('.') == std::string_view::npos || !is_handle_text(name)) return false;
  if (colon == std::string_view::npos) return true;
  const std::string_view port = s.substr(colon + 1);
  if (port.empty() || port.size() > 5) return false;
  int value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= 65535;
}

bool is_youtube_channel_id(std::string_view s) {
  return s.size() == 24 && starts_with(s, "UC") && is_handle_text(s);
}

std::string platform_of_host(std::string_view host) {
  const std::string_view h = bare_host(host);
  if (h == "youtube.com" || h == "youtu.be") return "youtube";
  if (h == "tiktok.com") return "tiktok";
  if (h == "instagram.com" || h == "instagr.am") return "instagram";
  if (h == "facebook.com" || h == "fb.com" || h == "fb.me") return "facebook";
  if (h == "x.com" || h == "twitter.com") return "x";
  if (h == "t.me" || h == "telegram.me" || h == "telegram.dog") return "telegram";
  if (h == "bsky.app" || h == "staging.bsky.app") return "bluesky";
  return {};
}

Result<AccountRef> not_profile(std::string_view text) {
  return Error::invalid("not a profile url: " + std::string(text));
}

Result<AccountRef> from_url(const Url& u, std::string_view text, std::string_view hint) {
  AccountRef r;
  r.platform = platform_of_host(u.host);
  const auto seg = path_segments(u.path);
  if (r.platform.empty()) {
    // Any other host: a Mastodon-compatible instance when the path is /@user or /users/user.
    if (!hint.empty() && hint != "mastodon") {
      return Error::invalid("unknown host " + u.host + " for platform " + std::string(hint));
    }
    std::string user;
    if (seg.size() >= 1 && seg[0].size() > 1 && seg[0][0] == '@') user = seg[0].substr(1);
    if (seg.size() >= 2 && seg[0] == "users") user = seg[1];
    // "/@user@other.host" is a remote account shown on this instance: it lives on other.host.
    size_t at = user.find('@');
    // An instance on a port of its own keeps it: the handle is then user@host:port.
    const bool default_port = u.port.empty() || (u.scheme == "https" && u.port == "443") ||
                              (u.scheme == "http" && u.port == "80");
    std::string host = default_port ? u.host : u.host + ":" + u.port;
    if (at != std::string::npos) {
      host = ascii_lower(user.substr(at + 1));
      user = user.substr(0, at);
    }
    if (!is_handle_text(user)) return not_profile(text);
    r.platform = "mastodon";
    r.handle = user + "@" + host;
  } else if (r.platform == "youtube") {
    if (seg.empty()) return not_profile(text);
    if (seg[0].size() > 1 && seg[0][0] == '@') {
      r.handle = seg[0];
    } else if (seg[0] == "channel" && seg.size() >= 2 && is_youtube_channel_id(seg[1])) {
      r.platform_id = seg[1];
    } else if (seg[0] == "c" && seg.size() >= 2 && is_handle_text(seg[1])) {
      // Legacy custom URLs became handles in 2022; the API resolves them with forHandle.
      r.handle = "@" + seg[1];
    } else if (seg[0] == "user" && seg.size() >= 2 && is_handle_text(seg[1])) {
      r.handle = "user/" + seg[1];
    } else {
      return not_profile(text);
    }
  } else if (r.platform == "tiktok") {
    if (seg.empty() || seg[0].size() < 2 || seg[0][0] != '@') return not_profile(text);
    r.handle = seg[0].substr(1);
  } else if (r.platform == "instagram") {
    static const std::vector<std::string_view> kReserved = {"p",       "reel", "reels",   "explore",
                                                            "stories", "tv",   "accounts"};
    if (seg.empty()) return not_profile(text);
    for (auto rsv : kReserved) {
      if (seg[0] == rsv) return not_profile(text);
    }
    r.handle = seg[0][0] == '@' ? seg[0].substr(1) : seg[0];
  } else if (r.platform == "facebook") {
    if (!seg.empty() && seg[0] == "profile.php") {
      std::string id = query_value(u.query, "id");
      if (!is_digits(id)) return not_profile(text);
      r.platform_id = id;
    } else if (seg.size() >= 3 && seg[0] == "people" && is_digits(seg[2])) {
      r.platform_id = seg[2];
    } else if (seg.size() >= 2 && seg[0] == "pages" && is_digits(seg.back())) {
      r.platform_id = seg.back();
    } else if (!seg.empty() && seg[0] != "groups" && seg[0] != "watch" && seg[0] != "share" &&
               seg[0] != "story.php" && seg[0] != "permalink.php" && is_handle_text(seg[0])) {
      if (is_digits(seg[0])) {
        r.platform_id = seg[0];
      } else {
        r.handle = seg[0];
      }
    } else {
      return not_profile(text);
    }
  } else if (r.platform == "x") {
    if (seg.size() >= 3 && seg[0] == "i" && seg[1] == "user" && is_digits(seg[2])) {
      r.platform_id = seg[2];
    } else if (!seg.empty() && seg[0] != "i" && seg[0] != "home" && seg[0] != "search" &&
               seg[0] != "intent" && seg[0] != "hashtag" && is_handle_text(seg[0])) {
      r.handle = seg[0][0] == '@' ? seg[0].substr(1) : seg[0];
    } else {
      return not_profile(text);
    }
  } else if (r.platform == "telegram") {
    size_t i = (!seg.empty() && seg[0] == "s") ? 1 : 0;
    if (seg.size() <= i || !is_handle_text(seg[i]) || seg[i] == "joinchat" || seg[i][0] == '+') {
      return not_profile(text);
    }
    r.handle = seg[i];
  } else if (r.platform == "bluesky") {
    if (seg.size() < 2 || seg[0] != "profile") return not_profile(text);
    if (starts_with(seg[1], "did:")) {
      r.platform_id = seg[1];
    } else if (is_handle_text(seg[1])) {
      r.handle = ascii_lower(seg[1]);
    } else {
      return not_profile(text);
    }
  }
  if (!hint.empty() && hint != r.platform) {
    return Error::invalid("platform column says " + std::string(hint) + " but the url is " +
                          r.platform);
  }
  r.url = profile_url(r.platform, r.handle, r.platform_id);
  return r;
}

}  // namespace

std::string profile_url(std::string_view platform, std::string_view handle,
                        std::string_view platform_id) {
  const std::string h(handle);
  const std::string id(platform_id);
  if (platform == "youtube") {
    if (!h.empty() && h[0] == '@') return "https://www.youtube.com/" + h;
    if (starts_with(h, "user/")) return "https://www.youtube.com/" + h;
    if (!id.empty()) return "https://www.youtube.com/channel/" + id;
  } else if (platform == "tiktok") {
    if (!h.empty()) return "https://www.tiktok.com/@" + h;
  } else if (platform == "instagram") {
    if (!h.empty()) return "https://www.instagram.com/" + h + "/";
  } else if (platform == "facebook") {
    if (!h.empty()) return "https://www.facebook.com/" + h;
    if (!id.empty()) return "https://www.facebook.com/profile.php?id=" + id;
  } else if (platform == "x") {
    if (!h.empty()) return "https://x.com/" + h;
    if (!id.empty()) return "https://x.com/i/user/" + id;
  } else if (platform == "telegram") {
    if (!h.empty()) return "https://t.me/" + h;
  } else if (platform == "bluesky") {
    if (!h.empty()) return "https://bsky.app/profile/" + h;
    if (!id.empty()) return "https://bsky.app/profile/" + id;
  } else if (platform == "mastodon") {
    size_t at = h.find('@');
    if (at != std::string::npos) return "https://" + h.substr(at + 1) + "/@" + h.substr(0, at);
  }
  return {};
}

Result<AccountRef> parse_account_ref(std::string_view text, std::string_view platform_hint) {
  text = trim(text);
  if (text.empty()) return Error::invalid("no handle or url");
  // Mastodon: "@user@host" or "user@host" (no scheme, no slash).
  if (text.find("://") == std::string_view::npos && text.find('/') == std::string_view::npos) {
    std::string_view t = text;
    if (!t.empty() && t[0] == '@') t.remove_prefix(1);
    size_t at = t.find('@');
    if (at != std::string_view::npos && (platform_hint.empty() || platform_hint == "mastodon")) {
      std::string_view user = t.substr(0, at);
      std::string_view host = t.substr(at + 1);
      if (!is_handle_text(user) || !is_instance_text(host)) {
        return Error::invalid("not a mastodon handle: " + std::string(text));
      }
      AccountRef r;
      r.platform = "mastodon";
      r.handle = std::string(user) + "@" + ascii_lower(host);
      r.url = profile_url(r.platform, r.handle, {});
      return r;
    }
    // A bare handle or id: needs the platform column, except for an unmistakable YouTube id.
    if (platform_hint.empty() && is_youtube_channel_id(text)) platform_hint = "youtube";
    const bool looks_like_host =
        text.find('.') != std::string_view::npos &&
        !platform_of_host(ascii_lower(text.substr(0, text.find('?')))).empty();
    if (!looks_like_host) {
      if (platform_hint.empty()) {
        return Error::invalid("bare handle " + std::string(text) + " needs a platform column");
      }
      AccountRef r;
      r.platform = std::string(platform_hint);
      std::string_view h = text;
      if (r.platform == "youtube") {
        if (is_youtube_channel_id(h)) {
          r.platform_id = std::string(h);
        } else {
          if (h[0] == '@') h.remove_prefix(1);
          if (!is_handle_text(h)) return Error::invalid("not a handle: " + std::string(text));
          r.handle = "@" + std::string(h);
        }
      } else if (r.platform == "bluesky" && starts_with(h, "did:")) {
        r.platform_id = std::string(h);
      } else if (r.platform == "mastodon") {
        return Error::invalid("mastodon handle needs its instance: user@host");
      } else {
        if (h[0] == '@') h.remove_prefix(1);
        if (is_digits(h) && (r.platform == "facebook" || r.platform == "x")) {
          r.platform_id = std::string(h);
        } else if (is_handle_text(h)) {
          r.handle = r.platform == "bluesky" ? ascii_lower(h) : std::string(h);
        } else {
          return Error::invalid("not a handle: " + std::string(text));
        }
      }
      r.url = profile_url(r.platform, r.handle, r.platform_id);
      return r;
    }
  }
  Url u;
  if (!parse_url(text, &u)) return not_profile(text);
  if (u.scheme != "https" && u.scheme != "http") return not_profile(text);
  return from_url(u, text, platform_hint);
}

}  // namespace pantau::fetch
