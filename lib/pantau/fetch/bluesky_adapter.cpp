// Bluesky through the public AppView (no login): app.bsky.feed.getAuthorFeed pages an actor's
// posts, reposts and replies newest first with the body's opaque cursor. The actor is the DID
// once known (it survives handle changes); the DID is learnt from the feed itself (a repost's
// reason.by, or a post whose author has the account's handle), so no extra call is needed.
//
// Budget: the AppView allows 3000 requests per 5 minutes per IP (ratelimit-policy 3000;w=300).
#include <algorithm>
#include <string>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/url.h"
#include "pantau/record.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

class BlueskyTask : public AccountTask {
 public:
  BlueskyTask(simdjson::dom::parser& parser, const Account& account, AccountState state,
              const TaskConfig& config)
      : parser_(parser), account_(account), state_(std::move(state)), config_(config) {
    const bool resuming = begin_run(&state_, config_);
    cursor_ = resuming ? state_.cursor : std::string();
    page_ = state_.cursor_page + 1;
    if (state_.platform_id.empty()) state_.platform_id = account_.platform_id;
  }

  std::optional<ApiCall> next_call() override {
    if (done_) return std::nullopt;
    const std::string actor = state_.platform_id.empty() ? account_.handle : state_.platform_id;
    QueryParams q{{"actor", actor}, {"limit", std::to_string(page_size())}};
    if (!cursor_.empty()) q.emplace_back("cursor", cursor_);
    ApiCall c;
    c.endpoint = records::endpoint::kBlueskyAuthorFeed;
    c.cursor = cursor_;
    c.page = page_;
    c.url = config_.base_url + "/xrpc/app.bsky.feed.getAuthorFeed?" + build_query(q);
    return c;
  }

  Result<CallOutcome> on_response(const HttpResponse& r) override {
    simdjson::dom::element doc;
    if (auto err = parser_.parse(r.body).get(doc)) {
      return Error::invalid("invalid JSON: " + json_error_message(err));
    }
    simdjson::dom::array feed;
    if (doc["feed"].get_array().get(feed)) return Error::invalid("no feed array");
    CallOutcome o;
    bool reached_floor = false;
    for (simdjson::dom::element it : feed) {
      std::string_view uri, when, did, handle;
      if (it["post"]["uri"].get_string().get(uri)) continue;
      simdjson::dom::element reason;
      const bool repost = !it["reason"].get(reason) && !reason.is_null();
      if (repost) {
        if (reason["indexedAt"].get_string().get(when)) when = {};
        if (!reason["by"]["did"].get_string().get(did)) learn(did, reason["by"]["handle"]);
      } else {
        if (it["post"]["indexedAt"].get_string().get(when)) when = {};
        if (!it["post"]["author"]["handle"].get_string().get(handle) &&
            ascii_lower(handle) == ascii_lower(account_.handle) &&
            !it["post"]["author"]["did"].get_string().get(did)) {
          learn(did, it["post"]["author"]["handle"]);
        }
      }
      const EpochMillis t = parse_time_or_zero(when);
      note_run_top(&state_, uri, t);
      const ItemPlace place = place_item(state_, config_, uri, t);
      if (place == ItemPlace::kSeen) reached_floor = true;
      if (place == ItemPlace::kWanted) ++o.items;
    }
    // A page of nothing but seen (or too new) items adds nothing: not written again.
    o.emit = o.items > 0;
    o.checkpoint = true;
    std::string_view next;
    if (doc["cursor"].get_string().get(next)) next = {};
    ++pages_done_;
    if (reached_floor || feed.size() == 0 || next.empty()) {
      finish_run(&state_, config_);
      done_ = true;
      return o;
    }
    cursor_ = std::string(next);
    if (continue_run(&state_, config_, cursor_, &page_, pages_done_)) done_ = true;
    return o;
  }

  const AccountState& state() const override { return state_; }

 private:
  void learn(std::string_view did, simdjson::simdjson_result<simdjson::dom::element> handle) {
    if (did.substr(0, 4) != "did:") return;
    state_.platform_id = std::string(did);
    std::string_view h;
    if (!handle.get_string().get(h)) state_.current_handle = std::string(h);
  }

  int64_t page_size() const {
    return config_.page_size > 0 ? std::min<int64_t>(config_.page_size, 100) : 100;
  }

  simdjson::dom::parser& parser_;
  const Account& account_;
  AccountState state_;
  const TaskConfig& config_;
  std::string cursor_;
  int64_t page_ = 1;
  int64_t pages_done_ = 0;
  bool done_ = false;
};

class BlueskyAdapter : public Adapter {
 public:
  std::string_view platform() const override { return "bluesky"; }
  std::string default_base_url() const override { return "https://public.api.bsky.app"; }
  AuthSpec auth() const override {
    return {AuthSpec::Style::kBearer, {}, "PANTAU_BLUESKY_TOKEN", false};
  }
  RateSpec default_rate() const override { return {3000, 5 * 60 * 1000, 0}; }

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& config) override {
    return std::make_unique<BlueskyTask>(parser_, account, std::move(state), config);
  }

  Failure classify(const HttpResponse& r) const override {
    if (r.status == 400) {
      // XRPC errors name themselves: an unknown, taken-down or deactivated actor is not found.
      simdjson::dom::element doc;
      std::string_view name, message;
      if (!parser_.parse(r.body).get(doc) && !doc["error"].get_string().get(name)) {
        if (name == "AccountTakedown" || name == "AccountDeactivated" || name == "BlockedActor" ||
            name == "BlockedByActor") {
          return Failure::kNotFound;
        }
        if (!doc["message"].get_string().get(message) &&
            (message.find("not found") != std::string_view::npos ||
             message.find("Profile not found") != std::string_view::npos)) {
          return Failure::kNotFound;
        }
      }
    }
    if (r.status == 401 || r.status == 403) return Failure::kAuth;
    return classify_by_status(r.status);
  }

 private:
  mutable simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<Adapter> make_bluesky_adapter() { return std::make_unique<BlueskyAdapter>(); }

}  // namespace pantau::fetch
