// Mastodon (any instance): accounts/lookup turns user@host into the instance's account id, then
// accounts/:id/statuses pages backwards with max_id taken from the Link header's rel="next".
// Public statuses need no token on most instances; PANTAU_MASTODON_TOKEN is sent as a bearer
// token when set (instances in "limited federation" mode require one).
//
// Budget: Mastodon allows 300 requests per 5 minutes per IP or token on each instance, so the
// budget is per instance host (the engine keys budgets by host).
#include <algorithm>
#include <string>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/url.h"
#include "pantau/record.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

// The URL of the Link header entry with rel="next", or "".
std::string link_next(std::string_view link) {
  while (!link.empty()) {
    size_t lt = link.find('<');
    size_t gt = link.find('>', lt);
    if (lt == std::string_view::npos || gt == std::string_view::npos) break;
    std::string_view url = link.substr(lt + 1, gt - lt - 1);
    size_t comma = link.find(',', gt);
    std::string_view params =
        link.substr(gt + 1, comma == std::string_view::npos ? comma : comma - gt - 1);
    if (params.find("rel=\"next\"") != std::string_view::npos ||
        params.find("rel=next") != std::string_view::npos) {
      return std::string(url);
    }
    if (comma == std::string_view::npos) break;
    link = link.substr(comma + 1);
  }
  return {};
}

class MastodonTask : public AccountTask {
 public:
  MastodonTask(simdjson::dom::parser& parser, const Account& account, AccountState state,
               const TaskConfig& config)
      : parser_(parser), account_(account), state_(std::move(state)), config_(config) {
    const bool resuming = begin_run(&state_, config_);
    max_id_ = resuming ? state_.cursor : std::string();
    page_ = state_.cursor_page + 1;
    const std::string& h = account_.handle;
    size_t at = h.find('@');
    user_ = at == std::string::npos ? h : h.substr(0, at);
    instance_ = at == std::string::npos ? std::string() : h.substr(at + 1);
    base_ =
        config_.base_overridden || instance_.empty() ? config_.base_url : "https://" + instance_;
    phase_ = state_.platform_id.empty() ? Phase::kLookup : Phase::kList;
  }

  std::optional<ApiCall> next_call() override {
    ApiCall c;
    c.page = page_;
    if (phase_ == Phase::kLookup) {
      c.endpoint = records::endpoint::kMastodonLookup;
      c.url = base_ + "/api/v1/accounts/lookup?" + build_query({{"acct", user_}});
      return c;
    }
    if (phase_ == Phase::kList) {
      QueryParams q{{"limit", std::to_string(page_size())}};
      if (!max_id_.empty()) q.emplace_back("max_id", max_id_);
      c.endpoint = records::endpoint::kMastodonStatuses;
      c.cursor = max_id_;
      c.url = base_ + "/api/v1/accounts/" + percent_encode(state_.platform_id) + "/statuses?" +
              build_query(q);
      return c;
    }
    return std::nullopt;
  }

  Result<CallOutcome> on_response(const HttpResponse& r) override {
    simdjson::dom::element doc;
    if (auto err = parser_.parse(r.body).get(doc)) {
      return Error::invalid("invalid JSON: " + json_error_message(err));
    }
    CallOutcome o;
    if (phase_ == Phase::kLookup) {
      std::string_view id, acct;
      if (doc["id"].get_string().get(id) || id.empty()) return Error::invalid("lookup without id");
      if (!doc["acct"].get_string().get(acct)) state_.current_handle = std::string(acct);
      state_.platform_id = std::string(id);
      phase_ = Phase::kList;
      o.checkpoint = true;
      return o;
    }
    simdjson::dom::array items;
    if (doc.get_array().get(items)) return Error::invalid("statuses is not an array");
    bool reached_floor = false;
    for (simdjson::dom::element it : items) {
      std::string_view id, when;
      if (it["id"].get_string().get(id)) continue;
      if (it["created_at"].get_string().get(when)) when = {};
      const EpochMillis t = parse_time_or_zero(when);
      note_run_top(&state_, id, t);
      const ItemPlace place = place_item(state_, config_, id, t);
      if (place == ItemPlace::kSeen) reached_floor = true;
      if (place == ItemPlace::kWanted) ++o.items;
    }
    // A page of nothing but seen (or too new) items adds nothing: not written again.
    o.emit = o.items > 0;
    o.checkpoint = true;
    std::string next = link_next(r.header("link"));
    std::string next_max_id;
    if (!next.empty()) {
      Url u;
      if (parse_url(next, &u)) next_max_id = query_value(u.query, "max_id");
    }
    ++pages_done_;
    if (reached_floor || items.size() == 0 || next_max_id.empty()) {
      finish_run(&state_, config_);
      phase_ = Phase::kDone;
      return o;
    }
    max_id_ = next_max_id;
    if (continue_run(&state_, config_, max_id_, &page_, pages_done_)) phase_ = Phase::kDone;
    return o;
  }

  const AccountState& state() const override { return state_; }

 private:
  enum class Phase { kLookup, kList, kDone };

  int64_t page_size() const {
    return config_.page_size > 0 ? std::min<int64_t>(config_.page_size, 40) : 40;
  }

  simdjson::dom::parser& parser_;
  const Account& account_;
  AccountState state_;
  const TaskConfig& config_;
  Phase phase_;
  std::string user_, instance_, base_, max_id_;
  int64_t page_ = 1;
  int64_t pages_done_ = 0;
};

class MastodonAdapter : public Adapter {
 public:
  std::string_view platform() const override { return "mastodon"; }
  // Each account lives on its own instance; the base is only used when --api-base sets it.
  std::string default_base_url() const override { return {}; }
  AuthSpec auth() const override {
    return {AuthSpec::Style::kBearer, {}, "PANTAU_MASTODON_TOKEN", false};
  }
  RateSpec default_rate() const override { return {300, 5 * 60 * 1000, 0}; }

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& config) override {
    return std::make_unique<MastodonTask>(parser_, account, std::move(state), config);
  }

  Failure classify(const HttpResponse& r) const override {
    // 403 from lookup means a suspended or hidden account, not a bad token.
    if (r.status == 403) return Failure::kNotFound;
    return classify_by_status(r.status);
  }

  std::pair<int64_t, int64_t> estimate(const Account& /*account*/, const AccountState& state,
                                       const TaskConfig& /*config*/, int64_t pages) const override {
    int64_t n = pages + (state.platform_id.empty() ? 1 : 0);
    return {n, 0};
  }

 private:
  simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<Adapter> make_mastodon_adapter() { return std::make_unique<MastodonAdapter>(); }

}  // namespace pantau::fetch
