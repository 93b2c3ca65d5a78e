// Telegram public channels: the preview page t.me/s/CHANNEL?before=ID+1, whose newest message is
// ID when it still exists (native_id "channel/id"; one request per id, at the adapter's polite
// budget). The page is mapped by pantau-normalize like a crawl's page, so the text compares with
// the post record's. ID missing from a page that shows the channel's messages before it is
// deleted; a page without messages is not_visible (the preview shows nothing); a redirect (t.me
// sends one for a channel without a public preview) is account_gone: the channel was deleted,
// renamed or made private.
#include <cctype>

#include "pantau/fetch/lookup.h"
#include "pantau/fetch/telegram_page.h"
#include "pantau/fetch/url.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

std::pair<std::string_view, std::string_view> split(std::string_view native_id) {
  const size_t slash = native_id.rfind('/');
  if (slash == std::string_view::npos) return {{}, native_id};
  return {native_id.substr(0, slash), native_id.substr(slash + 1)};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class TelegramLookup : public Lookup {
 public:
  std::string_view platform() const override { return "telegram"; }
  size_t batch_limit() const override { return 1; }
  bool json() const override { return false; }
  std::string group_of(const RecheckItem& item) const override {
    return lower(split(item.native_id).first);
  }

  ApiCall call(const std::vector<RecheckItem>& items, const TaskConfig& config) const override {
    const auto [channel, id] = split(items.front().native_id);
    int64_t n = 0;
    for (char c : id) n = (c >= '0' && c <= '9') ? n * 10 + (c - '0') : n;
    ApiCall c;
    c.endpoint = records::endpoint::kTelegramChannelPage;
    c.cursor = std::to_string(n + 1);
    c.url = config.base_url + "/s/" + percent_encode(channel) + "?" +
            build_query({{"before", c.cursor}});
    return c;
  }

  // Telegram spells a channel's username as its owner typed it; links ignore case.
  std::string match_key(std::string_view native_id) const override {
    const auto [channel, id] = split(native_id);
    return lower(channel) + "/" + std::string(id);
  }

  // A page cut short loses its newest messages, the one asked about first.
  Status accept(const HttpResponse& r) const override {
    auto page = parse_telegram_page(r.body);
    if (!page) return page.error();
    if (!page->complete) return Error::invalid("page cut short (no </html> at the end)");
    return {};
  }

  Verdict missing(const RecheckItem& /*item*/, const simdjson::dom::element* /*body*/,
                  const HttpResponse& r) const override {
    auto page = parse_telegram_page(r.body);
    if (!page) return {PostStatus::kUnknown, "unreadable page: " + page.error().message};
    if (page->messages.empty()) {
      return {PostStatus::kNotVisible, "the channel's preview shows no messages"};
    }
    return {PostStatus::kDeleted, "not among the channel's messages on t.me/s"};
  }

  std::optional<Verdict> failed(const HttpResponse& r) const override {
    if (r.status >= 300 && r.status < 400) {
      return Verdict{PostStatus::kAccountGone,
                     "HTTP " + std::to_string(r.status) +
                         ": no public preview (channel deleted, renamed or made private)"};
    }
    if (r.status == 404) return Verdict{PostStatus::kAccountGone, "HTTP 404"};
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<Lookup> make_telegram_lookup() { return std::make_unique<TelegramLookup>(); }

}  // namespace pantau::fetch
