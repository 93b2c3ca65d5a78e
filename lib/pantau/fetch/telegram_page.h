// TelegramPage: the ids and times of the messages on a t.me/s/<channel> preview page, which is
// all the Telegram adapter needs to page backwards and stop at what it has seen. (The posts
// themselves are read from the raw page by pantau-normalize.)
//
// The page is parsed as HTML5 (gumbo), so unclosed tags, stray end tags and attributes in any
// quoting style read the way a browser reads them. A message is an element whose class list has
// the token "tgme_widget_message" and whose data-post is "<channel>/<id>" with a decimal id; its
// time is the datetime of the <time> inside its "tgme_widget_message_date" link. Service
// messages (channel renamed, photo changed, ...) are listed too, marked, because their ids count
// for paging although they are not posts.
//
// Bounds: pages over kMaxTelegramPageBytes (4 MiB), or nested deeper than kMaxTelegramPageDepth
// (256), are rejected as errors before parsing. An HTML5 parser spends time proportional to the
// open-element depth on every tag: 100,000 nested <div>s take gumbo over a minute, while at the
// bounds the worst page takes about 2.3 s (measured: a 4 MiB page of tiny tags 250 deep). Real
// pages are ~100 KB and ~20 levels deep.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/result.h"
#include "pantau/time.h"

namespace pantau::fetch {

struct TelegramMessage {
  std::string channel;   // the part of data-post before '/', as Telegram spells it
  int64_t id = 0;        // the message id (per channel, increasing with time)
  EpochMillis time = 0;  // 0 when the page gives no (valid) datetime
  bool service = false;  // a service message, not a post
};

struct TelegramPage {
  std::vector<TelegramMessage> messages;  // in page order (oldest first on real pages)
  bool no_messages_found = false;         // the page says "No posts found"
  bool channel_history = false;           // the page has the channel history section
  std::optional<int64_t> prev_before;     // <link rel="prev" href="...?before=N">, when present
  // The page ends with </html>. A 200 cut short loses the newest messages of the page (they come
  // last), which nothing else would notice: the adapter refuses such a page and asks again.
  bool complete = false;
};

inline constexpr size_t kMaxTelegramPageBytes = 4u << 20;
inline constexpr int kMaxTelegramPageDepth = 256;

// Reads a preview page. Errors (kInvalid): a page over the size or depth bound.
Result<TelegramPage> parse_telegram_page(std::string_view html);

// An upper estimate of the element nesting depth of `html`: open non-void elements, at their
// most, where an end tag closes its element (and those inside it) and an end tag of no open
// element is ignored. Comments and <script>/<style> bodies are skipped. Stops at the first
// depth over kMaxTelegramPageDepth, so it is linear.
int estimate_html_depth(std::string_view html);

}  // namespace pantau::fetch
