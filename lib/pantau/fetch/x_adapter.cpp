// X (Twitter) API v2 with an app-only bearer token (PANTAU_X_BEARER_TOKEN, required; access
// needs a paid tier). users/by/username/:username turns the handle into the user id, kept in
// the state so later runs skip it; users/:id/tweets then pages the timeline newest first, 100
// posts a page, with the fields and expansions pantau-normalize maps (authors, media, referenced
// posts), following meta.next_token as pagination_token. X reaches back about 3200 posts.
//
// Incremental: the high-water mark is the newest post id of the last completed run, sent as
// since_id, so X itself returns only newer posts and a rerun costs one request per account when
// nothing is new. Post ids are snowflakes (up to 19 digits, more than a double holds): they are
// compared as decimal strings, by length and then digit by digit. --since/--until become
// start_time/end_time (and since_id is not sent, as in the other adapters a --since window
// replaces the mark).
//
// Errors: X answers an unknown or suspended user, and the timeline of a protected one, with
// HTTP 200 and only an "errors" array (resource-not-found, "Forbidden", authorization-error):
// the account is not found. 401 is a rejected token; 403 client-forbidden / client-not-enrolled
// is a token whose plan cannot use the endpoint (also a credential problem); 429 is a rate limit
// unless its type is usage-capped, the monthly post cap (the credential's quota).
//
// Budget: 1500 requests per 15 minutes per app, the users/:id/tweets limit of the Basic plan
// (--rate x=N/W changes it). Every response carries x-rate-limit-limit/-remaining/-reset (reset
// in epoch seconds); the engine holds back the budget until the reset when remaining reaches 0.
#include <algorithm>
#include <string>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/url.h"
#include "pantau/fetch/x_fields.h"
#include "pantau/record.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

using x_fields::kExpansions;
using x_fields::kMediaFields;
using x_fields::kTweetFields;
using x_fields::kUserFields;

bool is_snowflake(std::string_view id) {
  return !id.empty() && id.size() <= 20 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// a < b for decimal ids without leading zeros ("" is below everything).
bool id_less(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

// X wants start_time/end_time as YYYY-MM-DDTHH:MM:SSZ. Whole seconds, widened to include `t`.
std::string x_time(EpochMillis t, bool round_up) {
  EpochMillis s = t - ((t % 1000) + 1000) % 1000;
  if (round_up && s < t) s += 1000;
  return format_rfc3339(s);
}

// The first error's words: detail, else title, else type.
std::string first_error(simdjson::dom::element doc) {
  simdjson::dom::element e;
  if (doc["errors"].at(0).get(e)) return {};
  std::string_view s;
  if (!e["detail"].get_string().get(s) && !s.empty()) return std::string(s);
  if (!e["title"].get_string().get(s) && !s.empty()) return std::string(s);
  if (!e["type"].get_string().get(s)) return std::string(s);
  return {};
}

class XTask : public AccountTask {
 public:
  XTask(simdjson::dom::parser& parser, const Account& account, AccountState state,
        const TaskConfig& config)
      : parser_(parser), account_(account), state_(std::move(state)), config_(config) {
    const bool resuming = begin_run(&state_, config_);
    token_ = resuming ? state_.cursor : std::string();
    page_ = state_.cursor_page + 1;
    if (state_.platform_id.empty()) state_.platform_id = account_.platform_id;
    if (config_.since == 0 && is_snowflake(state_.newest_id)) floor_ = state_.newest_id;
    phase_ = state_.platform_id.empty() ? Phase::kLookup : Phase::kList;
  }

  std::optional<ApiCall> next_call() override {
    ApiCall c;
    c.page = page_;
    if (phase_ == Phase::kLookup) {
      c.endpoint = records::endpoint::kXUsersByUsername;
      c.url = config_.base_url + "/2/users/by/username/" + percent_encode(account_.handle) + "?" +
              build_query({{"user.fields", kUserFields}});
      return c;
    }
    if (phase_ == Phase::kList) {
      QueryParams q{{"max_results", std::to_string(page_size())},
                    {"tweet.fields", kTweetFields},
                    {"expansions", kExpansions},
                    {"media.fields", kMediaFields},
                    {"user.fields", kUserFields}};
      if (!floor_.empty()) q.emplace_back("since_id", floor_);
      if (config_.since > 0) q.emplace_back("start_time", x_time(config_.since, false));
      if (config_.until > 0) q.emplace_back("end_time", x_time(config_.until, true));
      if (!token_.empty()) q.emplace_back("pagination_token", token_);
      c.endpoint = records::endpoint::kXUsersTweets;
      c.cursor = token_;
      c.url = config_.base_url + "/2/users/" + percent_encode(state_.platform_id) + "/tweets?" +
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
    simdjson::dom::element data;
    const bool has_data = !doc["data"].get(data);
    simdjson::dom::element errors;
    if (!has_data && !doc["errors"].get(errors)) {
      // Unknown, suspended or protected: HTTP 200 with only errors.
      const std::string why = first_error(doc);
      return Error::not_found("account not found: " + (why.empty() ? "no data" : why));
    }
    CallOutcome o;
    if (phase_ == Phase::kLookup) {
      std::string_view id, username;
      if (!has_data || data["id"].get_string().get(id) || !is_snowflake(id)) {
        return Error::invalid("user lookup without an id");
      }
      if (!data["username"].get_string().get(username)) {
        state_.current_handle = std::string(username);
      }
      state_.platform_id = std::string(id);
      phase_ = Phase::kList;
      o.checkpoint = true;
      return o;
    }
    simdjson::dom::array tweets;
    if (has_data && data.get_array().get(tweets)) return Error::invalid("data is not an array");
    simdjson::dom::element meta;
    if (!has_data && doc["meta"].get(meta)) return Error::invalid("neither data nor meta");
    bool reached_floor = false;
    if (has_data) {
      for (simdjson::dom::element t : tweets) {
        std::string_view id, when;
        if (t["id"].get_string().get(id) || !is_snowflake(id)) continue;
        if (t["created_at"].get_string().get(when)) when = {};
        const EpochMillis time = parse_time_or_zero(when);
        if (id_less(state_.run_top_id, id)) {
          state_.run_top_id = std::string(id);
          state_.run_top_time = time;
        }
        // since_id / start_time / end_time already filter on X's side; this guards against a
        // server (or a replay) that does not.
        if (!floor_.empty() && !id_less(floor_, id)) {
          reached_floor = true;
          continue;
        }
        if (config_.since > 0 && time > 0 && time < config_.since) {
          reached_floor = true;
          continue;
        }
        if (config_.until > 0 && time > config_.until) continue;
        ++o.items;
      }
    }
    // A page of nothing new adds nothing: not written (the usual rerun:
    // {"meta":{"result_count":0}}).
    o.emit = o.items > 0;
    o.checkpoint = true;
    std::string_view next;
    if (doc["meta"]["next_token"].get_string().get(next)) next = {};
    ++pages_done_;
    if (reached_floor || !has_data || tweets.size() == 0 || next.empty()) {
      finish();
      return o;
    }
    token_ = std::string(next);
    if (continue_run(&state_, config_, token_, &page_, pages_done_)) phase_ = Phase::kDone;
    return o;
  }

  const AccountState& state() const override { return state_; }

 private:
  enum class Phase { kLookup, kList, kDone };

  // finish_run() compares times, which X gives to the second; ids order posts exactly.
  void finish() {
    if (config_.until == 0 && id_less(state_.newest_id, state_.run_top_id) &&
        is_snowflake(state_.run_top_id)) {
      state_.newest_id = state_.run_top_id;
      state_.newest_time = state_.run_top_time;
    }
    state_.run_top_id.clear();
    state_.run_top_time = 0;
    finish_run(&state_, config_);
    phase_ = Phase::kDone;
  }

  int64_t page_size() const {
    return config_.page_size > 0 ? std::clamp<int64_t>(config_.page_size, 5, 100) : 100;
  }

  simdjson::dom::parser& parser_;
  const Account& account_;
  AccountState state_;
  const TaskConfig& config_;
  Phase phase_;
  std::string token_, floor_;
  int64_t page_ = 1;
  int64_t pages_done_ = 0;
};

class XAdapter : public Adapter {
 public:
  std::string_view platform() const override { return "x"; }
  std::string default_base_url() const override { return "https://api.x.com"; }
  AuthSpec auth() const override {
    return {AuthSpec::Style::kBearer, {}, "PANTAU_X_BEARER_TOKEN", true};
  }
  RateSpec default_rate() const override { return {1500, 15 * 60 * 1000, 0}; }

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& config) override {
    return std::make_unique<XTask>(parser_, account, std::move(state), config);
  }

  Failure classify(const HttpResponse& r) const override {
    const std::string type = problem_type(r);
    if (r.status == 429 && type.find("usage-capped") != std::string::npos) return Failure::kQuota;
    if (r.status == 403) {
      // The plan or the app cannot use this endpoint: no account will work with this token.
      if (type.find("client-forbidden") != std::string::npos ||
          type.find("client-not-enrolled") != std::string::npos ||
          type.find("unsupported-authentication") != std::string::npos) {
        return Failure::kAuth;
      }
      return Failure::kNotFound;  // a protected or suspended user
    }
    return classify_by_status(r.status);
  }

  std::pair<int64_t, int64_t> estimate(const Account& account, const AccountState& state,
                                       const TaskConfig& /*config*/, int64_t pages) const override {
    const bool lookup = state.platform_id.empty() && account.platform_id.empty();
    return {pages + (lookup ? 1 : 0), 0};
  }

 private:
  // The problem "type" (and "reason", which 403s carry) of an error body, for classify.
  std::string problem_type(const HttpResponse& r) const {
    simdjson::dom::element doc;
    if (r.body.size() > 65536 || parser_.parse(r.body).get(doc)) return {};
    std::string out;
    std::string_view s;
    if (!doc["type"].get_string().get(s)) out += s;
    if (!doc["reason"].get_string().get(s)) out += " " + std::string(s);
    return out;
  }

  mutable simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<Adapter> make_x_adapter() { return std::make_unique<XAdapter>(); }

}  // namespace pantau::fetch
