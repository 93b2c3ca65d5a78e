// Facebook Pages through the Graph API: GET /{page}/posts pages a Page's own posts newest first
// (endpoint "page_posts", up to 100 per page) with the fields normalize maps; --comments adds
// GET /{post}/comments for every new post that has any (endpoint "post_comments", top-level
// comments newest first, up to --comments-per-video per post).
//
// The page is the numeric id once known (learnt from the "<page id>_<post id>" ids of the first
// page, so it survives a renamed page), else the registry's page username or id. The token (a
// Page or app access token with Page Public Content Access) goes in the access_token parameter;
// the engine adds it and redacts it. Paging follows paging.cursors.after while paging.next says
// there is more; Graph's paging.next URL itself is never requested, because it carries the token.
// Incremental runs also send since=<high-water mark in unix seconds> (and until= for --until), so
// Graph returns little besides new posts; the adapter still stops at the high-water mark itself.
//
// Errors are Graph error bodies (graph_api.h). Graph has no Retry-After: usage headers
// (X-App-Usage, X-Business-Use-Case-Usage) pause the budget before the limit is hit.
#include <algorithm>
#include <string>
#include <vector>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/facebook_fields.h"
#include "pantau/fetch/graph_api.h"
#include "pantau/fetch/redact.h"
#include "pantau/fetch/url.h"
#include "pantau/record.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

using facebook_fields::kPostFields;
// No "id": normalize derives a comment's id and its post from permalink_url, which it cannot do
// when an id is given. Top-level comments only: replies would cost a request per comment.
constexpr std::string_view kCommentFields =
    "message,created_time,from,permalink_url,like_count,comment_count";

// Where the next page starts: Graph's cursors.after when it gives one, else (time-based paging)
// the query of paging.next without its secrets, kept as "?<query>".
std::string next_cursor(simdjson::dom::element doc) {
  std::string_view next, after;
  if (doc["paging"]["next"].get_string().get(next) || next.empty()) return {};
  if (!doc["paging"]["cursors"]["after"].get_string().get(after) && !after.empty()) {
    return std::string(after);
  }
  Url u;
  if (!parse_url(next, &u) || u.query.empty()) return {};
  QueryParams kept;
  for (auto& [k, v] : parse_query(u.query)) {
    if (!is_secret_param(k)) kept.emplace_back(k, v);
  }
  return "?" + build_query(kept);
}

class FacebookTask : public AccountTask {
 public:
  FacebookTask(simdjson::dom::parser& parser, const Account& account, AccountState state,
               const TaskConfig& config)
      : parser_(parser), account_(account), state_(std::move(state)), config_(config) {
    const bool resuming = begin_run(&state_, config_);
    cursor_ = resuming ? state_.cursor : std::string();
    page_ = state_.cursor_page + 1;
    node_ = !state_.platform_id.empty()     ? state_.platform_id
            : !account_.platform_id.empty() ? account_.platform_id
                                            : account_.handle;
  }

  std::optional<ApiCall> next_call() override {
    ApiCall c;
    c.page = page_;
    if (phase_ == Phase::kList) {
      c.endpoint = records::endpoint::kFacebookPagePosts;
      c.cursor = cursor_;
      const std::string path = config_.base_url + "/" + percent_encode(node_) + "/posts";
      if (!cursor_.empty() && cursor_[0] == '?') {
        c.url = path + cursor_;
        return c;
      }
      QueryParams q{{"fields", std::string(kPostFields)}, {"limit", std::to_string(page_size())}};
      const EpochMillis floor = config_.since > 0 ? config_.since : state_.newest_time;
      if (floor > 0) q.emplace_back("since", std::to_string(floor / 1000));
      if (config_.until > 0) q.emplace_back("until", std::to_string((config_.until + 999) / 1000));
      if (!cursor_.empty()) q.emplace_back("after", cursor_);
      c.url = path + "?" + build_query(q);
      return c;
    }
    if (phase_ == Phase::kComments) {
      const int64_t want = std::min<int64_t>(100, config_.comments_per_video - comments_seen_);
      QueryParams q{{"fields", std::string(kCommentFields)},
                    {"filter", "toplevel"},
                    {"order", "reverse_chronological"},
                    {"limit", std::to_string(std::max<int64_t>(1, want))}};
      if (!comment_cursor_.empty()) q.emplace_back("after", comment_cursor_);
      c.endpoint = records::endpoint::kFacebookPostComments;
      c.cursor = comment_cursor_;
      c.url = config_.base_url + "/" + percent_encode(commented_[comment_post_]) + "/comments?" +
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
    simdjson::dom::array data;
    if (doc["data"].get_array().get(data)) return Error::invalid("no data array");
    return phase_ == Phase::kComments ? on_comments(doc, data) : on_posts(doc, data);
  }

  bool absorb_failure(const HttpResponse& /*response*/) override {
    // Comments closed, or the post deleted since it was listed: skip that post's comments.
    if (phase_ != Phase::kComments) return false;
    CallOutcome ignored;
    next_commented_post(&ignored);
    return true;
  }

  const AccountState& state() const override { return state_; }

 private:
  enum class Phase { kList, kComments, kDone };

  int64_t page_size() const {
    return config_.page_size > 0 ? std::min<int64_t>(config_.page_size, 100) : 100;
  }

  Result<CallOutcome> on_posts(simdjson::dom::element doc, simdjson::dom::array data) {
    CallOutcome o;
    bool reached_floor = false;
    commented_.clear();
    for (simdjson::dom::element it : data) {
      std::string_view id, when;
      if (it["id"].get_string().get(id) || id.empty()) continue;
      if (it["created_time"].get_string().get(when)) when = {};
      learn_page_id(id);
      const EpochMillis t = parse_time_or_zero(when);
      note_run_top(&state_, id, t);
      const ItemPlace place = place_item(state_, config_, id, t);
      if (place == ItemPlace::kSeen) reached_floor = true;
      if (place != ItemPlace::kWanted) continue;
      ++o.items;
      int64_t count = -1;  // unknown: ask
      simdjson::dom::element total;
      if (!it["comments"]["summary"]["total_count"].get(total)) {
        int64_t n = 0;
        if (!total.get_int64().get(n)) count = n;
      }
      if (count != 0) commented_.emplace_back(id);
    }
    // A page of nothing but seen (or too new) posts adds nothing: not written again.
    o.emit = o.items > 0;
    next_cursor_ = next_cursor(doc);
    ++pages_done_;
    last_page_ = reached_floor || data.size() == 0 || next_cursor_.empty() ||
                 next_cursor_ == cursor_;  // a cursor that does not move would loop forever
    if (config_.comments && config_.comments_per_video > 0 && !commented_.empty()) {
      phase_ = Phase::kComments;
      comment_post_ = 0;
      comments_seen_ = 0;
      comment_cursor_.clear();
      return o;
    }
    finish_page(&o);
    return o;
  }

  Result<CallOutcome> on_comments(simdjson::dom::element doc, simdjson::dom::array data) {
    CallOutcome o;
    o.items = static_cast<int64_t>(data.size());
    comments_seen_ += o.items;
    std::string next = next_cursor(doc);
    if (!next.empty() && next[0] != '?' && next != comment_cursor_ &&
        comments_seen_ < config_.comments_per_video && data.size() > 0) {
      comment_cursor_ = std::move(next);
      return o;
    }
    next_commented_post(&o);
    return o;
  }

  void next_commented_post(CallOutcome* o) {
    ++comment_post_;
    comments_seen_ = 0;
    comment_cursor_.clear();
    if (comment_post_ >= commented_.size()) finish_page(o);
  }

  // The page and its comments are out: a consistent point to resume from.
  void finish_page(CallOutcome* o) {
    o->checkpoint = true;
    if (last_page_) {
      finish_run(&state_, config_);
      phase_ = Phase::kDone;
      return;
    }
    cursor_ = next_cursor_;
    const bool page_limit = continue_run(&state_, config_, cursor_, &page_, pages_done_);
    phase_ = page_limit ? Phase::kDone : Phase::kList;
  }

  // Post ids are "<page id>_<post id>": the page's numeric id, kept for the next runs.
  void learn_page_id(std::string_view post_id) {
    if (!state_.platform_id.empty()) return;
    const size_t us = post_id.find('_');
    if (us == std::string_view::npos || us == 0) return;
    std::string_view page = post_id.substr(0, us);
    if (!std::all_of(page.begin(), page.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return;
    }
    state_.platform_id = std::string(page);
  }

  simdjson::dom::parser& parser_;
  const Account& account_;
  AccountState state_;
  const TaskConfig& config_;
  Phase phase_ = Phase::kList;
  std::string node_;
  std::string cursor_, next_cursor_;
  int64_t page_ = 1;
  int64_t pages_done_ = 0;
  bool last_page_ = false;
  std::vector<std::string> commented_;  // wanted posts of this page that have comments
  size_t comment_post_ = 0;
  int64_t comments_seen_ = 0;
  std::string comment_cursor_;
};

class FacebookAdapter : public Adapter {
 public:
  std::string_view platform() const override { return "facebook"; }
  std::string default_base_url() const override { return "https://graph.facebook.com/v19.0"; }
  AuthSpec auth() const override {
    return {AuthSpec::Style::kQueryParam, "access_token", "PANTAU_FACEBOOK_TOKEN", true};
  }
  // Graph publishes no fixed per-second limit (app: 200 calls per user per hour; Page tokens:
  // 4800 x engaged users per 24 h); the usage headers pause the budget before either is hit.
  RateSpec default_rate() const override { return {1, 1000, 0}; }

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& config) override {
    return std::make_unique<FacebookTask>(parser_, account, std::move(state), config);
  }

  Failure classify(const HttpResponse& r) const override { return classify_graph_response(r); }

  std::optional<int64_t> usage_pause_ms(const HttpResponse& r) const override {
    return graph_usage_wait_ms(r);
  }

  std::pair<int64_t, int64_t> estimate(const Account& /*account*/, const AccountState& /*state*/,
                                       const TaskConfig& config, int64_t pages) const override {
    // With --comments, one call for most of a page's (up to 100) posts.
    const int64_t n = pages * (1 + (config.comments ? 100 : 0));
    return {n, 0};
  }

 private:
  simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<Adapter> make_facebook_adapter() { return std::make_unique<FacebookAdapter>(); }

}  // namespace pantau::fetch
