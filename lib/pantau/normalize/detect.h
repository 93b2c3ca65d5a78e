// Which input format a line is in. pantau raw records say so themselves (platform + endpoint);
// other JSON that users already have is recognised by its top-level keys, one line at a time,
// unless --from names the format.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/normalize/mapping.h"

namespace pantau::normalize {

enum class InputFormat {
  kAuto,            // detect per line
  kYtDlp,           // yt-dlp info JSON: -j (a video per line), -J (a playlist), flat entries
  kGalleryDl,       // gallery-dl -j output (a JSON array of messages)
  kTwarc2,          // X API v2 pages as twarc2 writes them ("__twarc" key)
  kXApi,            // X API v2 pages without twarc's key
  kMastodon,        // a Mastodon status, or an array of statuses
  kBluesky,         // a Bluesky feed page ({"feed": [...]}), feed item or post view
  kZeeschuimer,     // Zeeschuimer / 4CAT NDJSON items (TikTok, Instagram)
  kTikTok,          // a TikTok Research API response body
  kTelegramExport,  // Telegram Desktop result.json (a whole document; see --from)
};

// The --from names: "auto", "yt-dlp", "gallery-dl", "twarc2", "x", "mastodon", "bluesky",
// "zeeschuimer", "tiktok", "telegram-export".
std::optional<InputFormat> input_format_from_name(std::string_view name);
std::string_view input_format_name(InputFormat f);
std::vector<std::string> input_format_names();

// The post's source.format for a foreign input ("yt-dlp", "twarc2", "telegram.export", ...).
std::string_view source_format_of(InputFormat f);

// The mapping that reads a document of format `f` (not kAuto).
Mapping mapping_of(InputFormat f);

// Top-level keys of an object line that tell formats apart.
struct KeySignature {
  bool twarc = false, extractor = false, webpage_url = false, source_platform = false;
  bool content = false, account = false, uri_https = false, uri_at = false, feed = false;
  bool post = false, posts = false, data = false, includes = false, meta = false;
  bool messages = false, record = false, error = false;
  bool type = false, ie_key = false;
  bool thread = false, ancestors = false;  // Bluesky getPostThread, Mastodon context  // yt-dlp:
                                           // "_type", and a flat entry's "ie_key"
  bool array_of_arrays = false, array_of_statuses = false;  // top-level arrays
};

// Updates *sig for one top-level key (and, for "uri", its value).
void note_top_level_key(std::string_view key, std::string_view uri_value, KeySignature* sig);

// The format the signature matches, or kAuto when none does.
InputFormat detect_format(const KeySignature& sig);

}  // namespace pantau::normalize
