// Instagram professional (business and creator) accounts through the Graph API's
// business_discovery: GET /{ig-user-id}?fields=business_discovery.username(<user>){id,username,
// followers_count,media_count,media.limit(50).after(<cursor>){...}} (endpoint
// "business_discovery") pages another account's media newest first. {ig-user-id} is the
// *user's own* Instagram business account (PANTAU_INSTAGRAM_USER_ID, not a secret); the token
// (PANTAU_INSTAGRAM_TOKEN, a user or system-user token of the app that account is linked to) goes
// in access_token. Personal accounts cannot be read at all: Graph answers 110/2207013 for them
// exactly as for a username that does not exist.
//
// Paging: the media edge sits inside the field expression, so the next page is the same request
// with .after(<media.paging.cursors.after>); Graph gives no ready-made next URL there. The end is
// an empty page, a page without an after cursor, or a cursor that does not move. There is no
// since parameter: incremental runs stop at the high-water mark. Timestamps are
// "2021-08-17T19:00:42+0000".
#include <algorithm>
#include <cstdlib>
#include <string>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/graph_api.h"
#include "pantau/fetch/url.h"
#include "pantau/record.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

constexpr std::string_view kMediaFields =
    "{id,caption,media_type,media_url,permalink,timestamp,like_count,comments_count,username,"
    "children{id,media_type,media_url}}";

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class InstagramTask : public AccountTask {
 public:
  InstagramTask(simdjson::dom::parser& parser, const std::string& ig_user_id,
                const Account& account, AccountState state, const TaskConfig& config)
      : parser_(parser),
        ig_user_id_(ig_user_id),
        account_(account),
        state_(std::move(state)),
        config_(config) {
    const bool resuming = begin_run(&state_, config_);
    cursor_ = resuming ? state_.cursor : std::string();
    page_ = state_.cursor_page + 1;
    username_ = account_.handle;
    if (!username_.empty() && username_[0] == '@') username_.erase(0, 1);
  }

  std::optional<ApiCall> next_call() override {
    if (done_) return std::nullopt;
    std::string media = "media.limit(" + std::to_string(page_size()) + ")";
    if (!cursor_.empty()) media += ".after(" + cursor_ + ")";
    const std::string fields = "business_discovery.username(" + username_ +
                               "){id,username,followers_count,media_count," + media +
                               std::string(kMediaFields) + "}";
    ApiCall c;
    c.endpoint = records::endpoint::kInstagramBusinessDiscovery;
    c.cursor = cursor_;
    c.page = page_;
    c.url = config_.base_url + "/" + percent_encode(ig_user_id_) + "?" +
            build_query({{"fields", fields}});
    return c;
  }

  Result<CallOutcome> on_response(const HttpResponse& r) override {
    simdjson::dom::element doc;
    if (auto err = parser_.parse(r.body).get(doc)) {
      return Error::invalid("invalid JSON: " + json_error_message(err));
    }
    simdjson::dom::element bd;
    if (doc["business_discovery"].get(bd) || !bd.is_object()) {
      return Error::invalid("no business_discovery object");
    }
    std::string_view id, handle;
    if (!bd["id"].get_string().get(id) && !id.empty()) state_.platform_id = std::string(id);
    if (!bd["username"].get_string().get(handle) && !handle.empty()) {
      state_.current_handle = std::string(handle);
    }
    // An account without media has no "media" at all.
    simdjson::dom::array data;
    const bool has_media = !bd["media"]["data"].get_array().get(data);
    CallOutcome o;
    bool reached_floor = false;
    size_t n = 0;
    if (has_media) {
      for (simdjson::dom::element it : data) {
        ++n;
        std::string_view mid, when;
        if (it["id"].get_string().get(mid) || mid.empty()) continue;
        if (it["timestamp"].get_string().get(when)) when = {};
        const EpochMillis t = parse_time_or_zero(when);
        note_run_top(&state_, mid, t);
        const ItemPlace place = place_item(state_, config_, mid, t);
        if (place == ItemPlace::kSeen) reached_floor = true;
        if (place == ItemPlace::kWanted) ++o.items;
      }
    }
    // A page of nothing but seen (or too new) media adds nothing: not written again.
    o.emit = o.items > 0;
    o.checkpoint = true;
    std::string_view after;
    if (!has_media || bd["media"]["paging"]["cursors"]["after"].get_string().get(after)) after = {};
    ++pages_done_;
    if (reached_floor || n == 0 || after.empty() || after == cursor_) {
      finish_run(&state_, config_);
      done_ = true;
      return o;
    }
    cursor_ = std::string(after);
    if (continue_run(&state_, config_, cursor_, &page_, pages_done_)) done_ = true;
    return o;
  }

  const AccountState& state() const override { return state_; }

 private:
  int64_t page_size() const {
    return config_.page_size > 0 ? std::min<int64_t>(config_.page_size, 50) : 50;
  }

  simdjson::dom::parser& parser_;
  const std::string& ig_user_id_;
  const Account& account_;
  AccountState state_;
  const TaskConfig& config_;
  std::string username_;
  std::string cursor_;
  int64_t page_ = 1;
  int64_t pages_done_ = 0;
  bool done_ = false;
};

class InstagramAdapter : public Adapter {
 public:
  explicit InstagramAdapter(std::string ig_user_id) : ig_user_id_(std::move(ig_user_id)) {}

  std::string_view platform() const override { return "instagram"; }
  std::string default_base_url() const override { return "https://graph.facebook.com/v19.0"; }
  AuthSpec auth() const override {
    return {AuthSpec::Style::kQueryParam, "access_token", "PANTAU_INSTAGRAM_TOKEN", true};
  }
  // Instagram Platform: 200 calls per hour x impressions-based multiplier per account; the usage
  // headers pause the budget before that is hit.
  RateSpec default_rate() const override { return {1, 1000, 0}; }

  std::string unusable_reason() const override {
    if (is_digits(ig_user_id_)) return {};
    return ig_user_id_.empty()
               ? "PANTAU_INSTAGRAM_USER_ID is not set (business_discovery needs the id of your "
                 "own Instagram business account)"
               : "PANTAU_INSTAGRAM_USER_ID is not a numeric Instagram business account id";
  }

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& config) override {
    return std::make_unique<InstagramTask>(parser_, ig_user_id_, account, std::move(state), config);
  }

  Failure classify(const HttpResponse& r) const override { return classify_graph_response(r); }

  std::optional<int64_t> usage_pause_ms(const HttpResponse& r) const override {
    return graph_usage_wait_ms(r);
  }

  std::pair<int64_t, int64_t> estimate(const Account& /*account*/, const AccountState& /*state*/,
                                       const TaskConfig& /*config*/, int64_t pages) const override {
    return {pages, 0};
  }

 private:
  std::string ig_user_id_;
  simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<Adapter> make_instagram_adapter(std::string ig_user_id) {
  return std::make_unique<InstagramAdapter>(std::move(ig_user_id));
}

std::unique_ptr<Adapter> make_instagram_adapter() {
  const char* id = std::getenv("PANTAU_INSTAGRAM_USER_ID");
  return make_instagram_adapter(id != nullptr ? std::string(trim(id)) : std::string());
}

}  // namespace pantau::fetch
