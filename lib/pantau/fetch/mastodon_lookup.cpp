// Mastodon GET /api/v1/statuses/:id, one status per request, on the server the id belongs to
// (native_id "host/id"; --api-base mastodon=URL sends every lookup there instead). 404 is the
// answer for a deleted status, and also for one the server no longer shows (its author
// suspended, or the status private): Mastodon does not tell these apart, so 404 is deleted with
// the server's words as the reason; 410 Gone (a suspended account's status on some servers) is
// account_gone.
#include "pantau/fetch/lookup.h"
#include "pantau/fetch/url.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

// "host/id" -> host and id ("" host when there is none).
std::pair<std::string_view, std::string_view> split(std::string_view native_id) {
  const size_t slash = native_id.rfind('/');
  if (slash == std::string_view::npos) return {{}, native_id};
  return {native_id.substr(0, slash), native_id.substr(slash + 1)};
}

std::string body_words(const std::string& body) {
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  std::string_view s;
  if (body.size() > 65536 || p.parse(body).get(doc) || doc["error"].get_string().get(s)) {
    return {};
  }
  return std::string(s.substr(0, 200));
}

class MastodonLookup : public Lookup {
 public:
  std::string_view platform() const override { return "mastodon"; }
  size_t batch_limit() const override { return 1; }
  std::string group_of(const RecheckItem& item) const override {
    return std::string(split(item.native_id).first);
  }

  ApiCall call(const std::vector<RecheckItem>& items, const TaskConfig& config) const override {
    const auto [host, id] = split(items.front().native_id);
    ApiCall c;
    c.endpoint = records::endpoint::kMastodonStatus;
    const std::string base =
        config.base_overridden || host.empty() ? config.base_url : "https://" + std::string(host);
    c.url = base + "/api/v1/statuses/" + percent_encode(id);
    return c;
  }

  std::string match_key(std::string_view native_id) const override {
    return std::string(split(native_id).second);
  }

  Verdict missing(const RecheckItem& /*item*/, const simdjson::dom::element* /*body*/,
                  const HttpResponse& /*response*/) const override {
    return {PostStatus::kUnknown, "the server answered without the status"};
  }

  std::optional<Verdict> failed(const HttpResponse& r) const override {
    const std::string words = body_words(r.body);
    const std::string reason =
        "HTTP " + std::to_string(r.status) + (words.empty() ? "" : ": " + words);
    if (r.status == 404) return Verdict{PostStatus::kDeleted, reason};
    if (r.status == 410) return Verdict{PostStatus::kAccountGone, reason};
    if (r.status == 403) return Verdict{PostStatus::kNotVisible, reason};
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<Lookup> make_mastodon_lookup() { return std::make_unique<MastodonLookup>(); }

}  // namespace pantau::fetch
