// YouTube Data API v3: channels.list resolves a handle, legacy username or channel id to the
// channel's uploads playlist; playlistItems.list pages through it newest first; videos.list
// (up to 50 ids per call) adds statistics, description, tags and duration for the videos of each
// page; commentThreads.list optionally adds comments, up to a cap per video.
//
// Quota: every list call costs 1 unit of the key's daily 10,000 (search.list, which would cost
// 100, is never used). Errors carry errors[0].reason, which decides between quota, rate, auth
// and per-object failures; a channels.list without items means the channel does not exist.
#include <algorithm>
#include <string>
#include <vector>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/url.h"
#include "pantau/record.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

std::string reason_of(simdjson::dom::parser& parser, const std::string& body) {
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc)) return {};
  std::string_view reason;
  if (doc["error"]["errors"].at(0)["reason"].get_string().get(reason)) {
    // The newer error shape may carry only error.status ("PERMISSION_DENIED", ...).
    if (doc["error"]["status"].get_string().get(reason)) return {};
  }
  return std::string(reason);
}

class YoutubeTask : public AccountTask {
 public:
  YoutubeTask(simdjson::dom::parser& parser, const Account& account, AccountState state,
              const TaskConfig& config)
      : parser_(parser), account_(account), state_(std::move(state)), config_(config) {
    const bool resuming = begin_run(&state_, config_);
    page_token_ = resuming ? state_.cursor : std::string();
    page_ = state_.cursor_page + 1;
    phase_ = state_.resolved_extra.empty() ? Phase::kResolve : Phase::kList;
  }

  std::optional<ApiCall> next_call() override {
    ApiCall c;
    c.page = page_;
    switch (phase_) {
      case Phase::kResolve: {
        QueryParams q{{"part", "snippet,contentDetails"}, {"maxResults", "1"}};
        const std::string& h = account_.handle;
        if (!state_.platform_id.empty()) {
          q.emplace_back("id", state_.platform_id);
        } else if (!account_.platform_id.empty()) {
          q.emplace_back("id", account_.platform_id);
        } else if (h.rfind("user/", 0) == 0) {
          q.emplace_back("forUsername", h.substr(5));
        } else {
          q.emplace_back("forHandle", h);
        }
        c.endpoint = records::endpoint::kYoutubeChannels;
        c.url = config_.base_url + "/channels?" + build_query(q);
        return c;
      }
      case Phase::kList: {
        QueryParams q{{"part", "snippet,contentDetails"},
                      {"playlistId", state_.resolved_extra},
                      {"maxResults", std::to_string(page_size())}};
        if (!page_token_.empty()) q.emplace_back("pageToken", page_token_);
        c.endpoint = records::endpoint::kYoutubePlaylistItems;
        c.cursor = page_token_;
        c.url = config_.base_url + "/playlistItems?" + build_query(q);
        return c;
      }
      case Phase::kVideos: {
        std::string ids;
        for (const auto& id : window_ids_) ids += (ids.empty() ? "" : ",") + id;
        QueryParams q{
            {"part", "snippet,statistics,contentDetails"}, {"id", ids}, {"maxResults", "50"}};
        c.endpoint = records::endpoint::kYoutubeVideos;
        c.cursor = page_token_;
        c.url = config_.base_url + "/videos?" + build_query(q);
        return c;
      }
      case Phase::kComments: {
        const int64_t want = std::min<int64_t>(100, config_.comments_per_video - comments_seen_);
        QueryParams q{{"part", "snippet"},
                      {"videoId", window_ids_[comment_video_]},
                      {"maxResults", std::to_string(std::max<int64_t>(1, want))},
                      {"order", "time"},
                      {"textFormat", "plainText"}};
        if (!comment_token_.empty()) q.emplace_back("pageToken", comment_token_);
        c.endpoint = records::endpoint::kYoutubeCommentThreads;
        c.cursor = comment_token_;
        c.url = config_.base_url + "/commentThreads?" + build_query(q);
        return c;
      }
      case Phase::kDone:
        break;
    }
    return std::nullopt;
  }

  Result<CallOutcome> on_response(const HttpResponse& r) override {
    simdjson::dom::element doc;
    if (auto err = parser_.parse(r.body).get(doc)) {
      return Error::invalid("invalid JSON: " + json_error_message(err));
    }
    switch (phase_) {
      case Phase::kResolve:
        return on_channels(doc);
      case Phase::kList:
        return on_list(doc);
      case Phase::kVideos: {
        CallOutcome o;
        simdjson::dom::array items;
        if (!doc["items"].get_array().get(items)) o.items = static_cast<int64_t>(items.size());
        start_comments_or_finish_page(&o);
        return o;
      }
      case Phase::kComments:
        return on_comments(doc);
      case Phase::kDone:
        break;
    }
    return Error::invalid("unexpected response");
  }

  bool absorb_failure(const HttpResponse& r) override {
    // Comments disabled or a video gone between listing and commenting: skip that video.
    if (phase_ != Phase::kComments) return false;
    CallOutcome ignored;
    next_comment_video(&ignored);
    (void)r;
    return true;
  }

  const AccountState& state() const override { return state_; }

 private:
  enum class Phase { kResolve, kList, kVideos, kComments, kDone };

  int64_t page_size() const {
    return config_.page_size > 0 ? std::min<int64_t>(config_.page_size, 50) : 50;
  }

  Result<CallOutcome> on_channels(simdjson::dom::element doc) {
    simdjson::dom::element item;
    if (doc["items"].at(0).get(item)) return Error::not_found("channel not found");
    std::string_view id, uploads, custom;
    if (item["id"].get_string().get(id) ||
        item["contentDetails"]["relatedPlaylists"]["uploads"].get_string().get(uploads) ||
        uploads.empty()) {
      return Error::not_found("channel has no uploads playlist");
    }
    if (!item["snippet"]["customUrl"].get_string().get(custom)) {
      state_.current_handle = std::string(custom);
    }
    state_.platform_id = std::string(id);
    state_.resolved_extra = std::string(uploads);
    phase_ = Phase::kList;
    CallOutcome o;
    o.checkpoint = true;  // the resolution is worth keeping even if the listing fails
    return o;
  }

  Result<CallOutcome> on_list(simdjson::dom::element doc) {
    simdjson::dom::array items;
    if (doc["items"].get_array().get(items)) return Error::invalid("no items array");
    std::string_view next;
    if (doc["nextPageToken"].get_string().get(next)) next = {};
    window_ids_.clear();
    bool reached_floor = false;
    for (simdjson::dom::element it : items) {
      std::string_view vid, when;
      if (it["contentDetails"]["videoId"].get_string().get(vid) &&
          it["snippet"]["resourceId"]["videoId"].get_string().get(vid)) {
        continue;
      }
      if (it["contentDetails"]["videoPublishedAt"].get_string().get(when)) {
        if (it["snippet"]["publishedAt"].get_string().get(when)) when = {};
      }
      const EpochMillis t = parse_time_or_zero(when);
      note_run_top(&state_, vid, t);
      const ItemPlace place = place_item(state_, config_, vid, t);
      if (place == ItemPlace::kSeen) reached_floor = true;
      if (place == ItemPlace::kWanted) window_ids_.emplace_back(vid);
    }
    CallOutcome o;
    o.items = static_cast<int64_t>(window_ids_.size());
    // A page of nothing but seen (or too new) videos adds nothing: not written again.
    o.emit = !window_ids_.empty();
    next_token_ = std::string(next);
    last_page_ = reached_floor || next_token_.empty();
    pages_done_this_run_++;
    if (!window_ids_.empty()) {
      phase_ = Phase::kVideos;
    } else {
      finish_page(&o);
    }
    return o;
  }

  Result<CallOutcome> on_comments(simdjson::dom::element doc) {
    CallOutcome o;
    simdjson::dom::array items;
    if (!doc["items"].get_array().get(items)) {
      o.items = static_cast<int64_t>(items.size());
      comments_seen_ += o.items;
    }
    std::string_view next;
    if (doc["nextPageToken"].get_string().get(next)) next = {};
    if (!next.empty() && comments_seen_ < config_.comments_per_video) {
      comment_token_ = std::string(next);
      return o;
    }
    next_comment_video(&o);
    return o;
  }

  void start_comments_or_finish_page(CallOutcome* o) {
    if (config_.comments && config_.comments_per_video > 0 && !window_ids_.empty()) {
      phase_ = Phase::kComments;
      comment_video_ = 0;
      comments_seen_ = 0;
      comment_token_.clear();
      return;
    }
    finish_page(o);
  }

  void next_comment_video(CallOutcome* o) {
    ++comment_video_;
    comments_seen_ = 0;
    comment_token_.clear();
    if (comment_video_ >= window_ids_.size()) finish_page(o);
  }

  // The page and everything fetched for it are out: a consistent point to resume from.
  void finish_page(CallOutcome* o) {
    o->checkpoint = true;
    if (last_page_) {
      finish_run(&state_, config_);
      phase_ = Phase::kDone;
      return;
    }
    page_token_ = next_token_;
    const bool page_limit =
        continue_run(&state_, config_, next_token_, &page_, pages_done_this_run_);
    phase_ = page_limit ? Phase::kDone : Phase::kList;
  }

  simdjson::dom::parser& parser_;
  const Account& account_;
  AccountState state_;
  const TaskConfig& config_;
  Phase phase_;
  std::string page_token_;
  std::string next_token_;
  int64_t page_ = 1;
  int64_t pages_done_this_run_ = 0;
  bool last_page_ = false;
  std::vector<std::string> window_ids_;
  size_t comment_video_ = 0;
  int64_t comments_seen_ = 0;
  std::string comment_token_;
};

class YoutubeAdapter : public Adapter {
 public:
  std::string_view platform() const override { return "youtube"; }
  std::string default_base_url() const override { return "https://www.googleapis.com/youtube/v3"; }
  AuthSpec auth() const override {
    return {AuthSpec::Style::kQueryParam, "key", "PANTAU_YOUTUBE_API_KEY", true};
  }
  // No published per-second limit; 10,000 units per key per day is the default quota.
  RateSpec default_rate() const override { return {20, 1000, 10000}; }

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& config) override {
    return std::make_unique<YoutubeTask>(parser_, account, std::move(state), config);
  }

  Failure classify(const HttpResponse& r) const override {
    const std::string reason = reason_of(parser_, r.body);
    if (reason == "quotaExceeded" || reason == "dailyLimitExceeded" ||
        reason == "RESOURCE_EXHAUSTED") {
      return Failure::kQuota;
    }
    if (reason == "rateLimitExceeded" || reason == "userRateLimitExceeded") {
      return Failure::kRateLimited;
    }
    if (reason == "keyInvalid" || reason == "keyExpired" || reason == "accessNotConfigured" ||
        reason == "ipRefererBlocked" || reason == "API_KEY_INVALID" ||
        reason == "UNAUTHENTICATED") {
      return Failure::kAuth;
    }
    if (reason == "playlistNotFound" || reason == "channelNotFound" || reason == "videoNotFound") {
      return Failure::kNotFound;
    }
    return classify_by_status(r.status);
  }

  std::pair<int64_t, int64_t> estimate(const Account& /*account*/, const AccountState& state,
                                       const TaskConfig& config, int64_t pages) const override {
    // Per page: playlistItems + videos; comments: one call per video (about 50 per page).
    int64_t per_page = 2 + (config.comments ? 50 : 0);
    int64_t n = pages * per_page + (state.resolved_extra.empty() ? 1 : 0);
    return {n, n};
  }

 private:
  mutable simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<Adapter> make_youtube_adapter() { return std::make_unique<YoutubeAdapter>(); }

}  // namespace pantau::fetch
