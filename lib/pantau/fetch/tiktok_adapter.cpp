// TikTok Research API (approved research projects only; BRIEF.md 4). video/query lists an
// account's videos by username inside date windows of at most 30 days, paged with the body's
// cursor and search_id while has_more; video/comment/list optionally adds comments. Every call is
// a POST with a JSON body; the engine authenticates with a client-credentials token
// (AuthSpec::kClientCredentials, access_token.h).
//
// Windows run from the newest (the UTC day of --until, else of the run's start) back to the floor
// (--since, else the high-water mark, else kDefaultLookbackDays before the run). Results inside a
// window come in no documented order, so a window is always read to its end: items at or below
// the floor are left uncounted, but they do not stop the paging. The resume cursor is
// "<window end YYYYMMDD>:<cursor>:<search_id>", so an interrupted run goes on inside its window;
// an expired search id (400 "Search Id ... is invalid or expired") restarts that window once.
//
// Ids are bare JSON integers above 2^53 (the fixtures even hold 20-digit ones, above 2^64, which
// simdjson's DOM parser refuses): pages are read On Demand and ids kept as the digits written.
//
// Quota: 1000 requests per day per project: RateSpec::units_per_day, one unit per call. Errors
// are {"data":{},"error":{"code","message","log_id"}}: rate_limit_exceeded (429),
// access_token_invalid and scope_not_authorized (401), invalid_params (400; an unknown user is
// "... cannot find the user"), internal_error (500).
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/tiktok_query.h"
#include "pantau/fetch/url.h"
#include "pantau/json_writer.h"
#include "pantau/record.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

namespace od = simdjson::ondemand;

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kWindowDays = 30;           // the API's longest start_date..end_date span
constexpr int64_t kDefaultLookbackDays = 30;  // a first run reads one window: today and 29 before
constexpr int64_t kMaxCount = 100;
constexpr std::string_view kCommentPath =
    "/v2/research/video/comment/list/"
    "?fields=id,video_id,text,like_count,reply_count,parent_comment_id,create_time";

int64_t day_of(EpochMillis t) { return t >= 0 ? t / kDayMs : -((-t + kDayMs - 1) / kDayMs); }

bool parse_int(std::string_view s, int64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// "YYYYMMDD" back to a day number; false when malformed.
bool parse_tiktok_date(std::string_view s, int64_t* day) {
  int64_t y = 0, m = 0, d = 0;
  if (s.size() != 8 || !parse_int(s.substr(0, 4), &y) || !parse_int(s.substr(4, 2), &m) ||
      !parse_int(s.substr(6, 2), &d) || m < 1 || m > 12 || d < 1 || d > 31) {
    return false;
  }
  *day = days_from_civil(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
  return true;
}

std::string_view trim_token(std::string_view t) {
  while (!t.empty() &&
         (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' || t.back() == '\t')) {
    t.remove_suffix(1);
  }
  return t;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The oldest day a run reads: that of --since, else of the high-water mark, else the default
// look-back before `top_day`.
int64_t floor_day(const TaskConfig& config, const AccountState& state, int64_t top_day) {
  if (config.since > 0) return day_of(config.since);
  if (state.newest_time > 0) return day_of(state.newest_time);
  return top_day - (kDefaultLookbackDays - 1);
}

// What the adapter reads of a video_query or comment_list page.
struct Item {
  std::string id;  // digits as written
  EpochMillis time = 0;
  int64_t comment_count = -1;  // -1: not given
};
struct Page {
  std::vector<Item> items;
  int64_t cursor = -1;
  bool has_more = false;
  std::string search_id;
  std::string error_code;
};

// An id: a JSON integer kept as written (or a string of digits).
simdjson::error_code read_id(od::value v, std::string* out) {
  od::json_type type;
  if (auto e = v.type().get(type)) return e;
  std::string_view s;
  if (type == od::json_type::string) {
    if (auto e = v.get_string().get(s)) return e;
  } else if (type == od::json_type::number) {
    s = trim_token(v.raw_json_token());
  } else {
    return simdjson::INCORRECT_TYPE;
  }
  if (!all_digits(s)) return simdjson::INCORRECT_TYPE;
  out->assign(s);
  return simdjson::SUCCESS;
}

// An integer that may be written as a float or be absent-minded (null): 0 when unusable.
int64_t read_int_or_zero(od::value v) {
  int64_t n = 0;
  if (!v.get_int64().get(n)) return n;
  return 0;
}

// Calls fn(key, value) -> error_code for every field of the object `v`, in document order.
template <typename V, typename Fn>
simdjson::error_code for_each_field(V&& v, Fn&& fn) {
  od::object obj;
  if (auto e = v.get_object().get(obj)) return e;
  for (auto field : obj) {
    od::field f;
    if (auto e = std::move(field).get(f)) return e;
    std::string_view key;
    if (auto e = f.unescaped_key().get(key)) return e;
    if (auto e = fn(key, f.value())) return e;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_item(od::value v, Item* item) {
  return for_each_field(v, [&](std::string_view key, od::value f) -> simdjson::error_code {
    if (key == "id") {
      item->id.clear();
      return read_id(f, &item->id);
    }
    if (key == "video_id" && item->id.empty()) {
      // The docs' example names a video's id "video_id"; comments carry both.
      (void)read_id(f, &item->id);
    } else if (key == "create_time") {
      item->time = read_int_or_zero(f) * 1000;
    } else if (key == "comment_count") {
      item->comment_count = read_int_or_zero(f);
    }
    return simdjson::SUCCESS;
  });
}

// Reads the page; `list` is "videos" or "comments". Every byte is visited, so a truncated body
// is an error, not a short page.
simdjson::error_code read_page(od::parser& parser, const std::string& body, std::string_view list,
                               Page* page) {
  simdjson::padded_string padded(body);
  od::document doc;
  if (auto e = parser.iterate(padded).get(doc)) return e;
  using simdjson::error_code;
  error_code e = for_each_field(doc, [&](std::string_view key, od::value v) -> error_code {
    if (key == "data") {
      return for_each_field(v, [&](std::string_view dk, od::value dv) -> error_code {
        if (dk == list) {
          od::array arr;
          if (auto err = dv.get_array().get(arr)) return err;
          for (auto el : arr) {
            od::value ev;
            if (auto err = el.get(ev)) return err;
            Item item;
            if (auto err = read_item(ev, &item)) return err;
            if (!item.id.empty()) page->items.push_back(std::move(item));
          }
        } else if (dk == "cursor") {
          return dv.get_int64().get(page->cursor);
        } else if (dk == "has_more") {
          return dv.get_bool().get(page->has_more);
        } else if (dk == "search_id") {
          (void)read_id(dv, &page->search_id);
        }
        return simdjson::SUCCESS;
      });
    }
    if (key == "error") {
      return for_each_field(v, [&](std::string_view ek, od::value ev) -> error_code {
        std::string_view code;
        if (ek == "code" && !ev.get_string().get(code)) page->error_code = std::string(code);
        return simdjson::SUCCESS;
      });
    }
    return simdjson::SUCCESS;
  });
  if (e) return e;
  // After the top-level object the document must end (current_location fails there).
  const char* rest = nullptr;
  if (!doc.current_location().get(rest)) return simdjson::TRAILING_CONTENT;
  return simdjson::SUCCESS;
}

// error.code and error.message of an error body ("" when absent).
void error_of(simdjson::dom::parser& parser, const std::string& body, std::string* code,
              std::string* message) {
  simdjson::dom::element doc;
  if (body.size() > 65536 || parser.parse(body).get(doc)) return;
  std::string_view s;
  if (!doc["error"]["code"].get_string().get(s)) *code = std::string(s);
  if (!doc["error"]["message"].get_string().get(s)) *message = std::string(s);
}

class TiktokTask : public AccountTask {
 public:
  TiktokTask(od::parser& parser, simdjson::dom::parser& errors, const Account& account,
             AccountState state, const TaskConfig& config)
      : parser_(parser),
        errors_(errors),
        account_(account),
        state_(std::move(state)),
        config_(config) {
    username_ = ascii_lower(account_.handle);
    if (!username_.empty() && username_[0] == '@') username_.erase(0, 1);
    const EpochMillis now = config_.now > 0 ? config_.now : now_millis();
    const bool resuming = begin_run(&state_, config_);
    page_ = state_.cursor_page + 1;
    end_day_ = day_of(config_.until > 0 ? config_.until : now);
    floor_day_ = floor_day(config_, state_, end_day_);
    if (resuming && !decode_cursor(state_.cursor)) {
      // Not ours (or damaged): start the run over rather than fail the account.
      state_.cursor.clear();
      state_.cursor_page = 0;
      page_ = 1;
    }
    phase_ = end_day_ < floor_day_ ? Phase::kDone : Phase::kList;
    if (phase_ == Phase::kDone) finish_run(&state_, config_);
  }

  std::optional<ApiCall> next_call() override {
    ApiCall c;
    c.method = "POST";
    c.headers.emplace_back("content-type", "application/json");
    c.page = page_;
    if (phase_ == Phase::kList) {
      std::string body;
      JsonWriter w(&body);
      begin_video_query(w, "username", {username_}, start_day(), end_day_,
                        std::min(page_size(), kMaxCount));
      w.field("cursor", cursor_);
      if (!search_id_.empty()) w.field("search_id", search_id_);
      w.end_object();
      c.endpoint = records::endpoint::kTiktokVideoQuery;
      c.url = config_.base_url + std::string(kTikTokVideoPath);
      c.cursor = page_ > 1 ? encode_cursor() : "";
      c.body = std::move(body);
      return c;
    }
    if (phase_ == Phase::kComments) {
      const int64_t want =
          std::min<int64_t>(kMaxCount, config_.comments_per_video - comments_seen_);
      std::string body;
      JsonWriter w(&body);
      w.begin_object();
      w.key("video_id");
      w.raw(comment_videos_[comment_video_]);  // digits, checked when read: a bare integer
      w.field("max_count", std::max<int64_t>(1, want));
      w.field("cursor", comment_cursor_);
      w.end_object();
      c.endpoint = records::endpoint::kTiktokCommentList;
      c.url = config_.base_url + std::string(kCommentPath);
      c.cursor = comment_cursor_ > 0 ? std::to_string(comment_cursor_) : "";
      c.body = std::move(body);
      return c;
    }
    return std::nullopt;
  }

  Result<CallOutcome> on_response(const HttpResponse& r) override {
    Page page;
    if (auto e =
            read_page(parser_, r.body, phase_ == Phase::kComments ? "comments" : "videos", &page)) {
      return Error::invalid("invalid JSON: " + json_error_message(e));
    }
    if (!page.error_code.empty() && page.error_code != "ok") {
      return Error::invalid("error " + page.error_code + " in a 2xx response");
    }
    return phase_ == Phase::kComments ? on_comments(page) : on_videos(page);
  }

  bool absorb_failure(const HttpResponse& r) override {
    if (phase_ == Phase::kComments) {
      // Comments of one video unavailable (deleted meanwhile, comments off): skip that video.
      CallOutcome ignored;
      next_comment_video(&ignored);
      return true;
    }
    std::string code, message;
    error_of(errors_, r.body, &code, &message);
    if (r.status == 400 && !search_id_.empty() && !restarted_window_ &&
        message.find("Search Id") != std::string::npos) {
      // The search expired between pages (or between an interrupted run and its resume): read
      // the window again from its start. Pages already written come again; --dedup drops them.
      restarted_window_ = true;
      cursor_ = 0;
      search_id_.clear();
      return true;
    }
    return false;
  }

  const AccountState& state() const override { return state_; }

 private:
  enum class Phase { kList, kComments, kDone };

  int64_t page_size() const { return config_.page_size > 0 ? config_.page_size : kMaxCount; }
  int64_t start_day() const { return std::max(end_day_ - (kWindowDays - 1), floor_day_); }

  std::string encode_cursor() const {
    return tiktok_date(end_day_) + ":" + std::to_string(cursor_) + ":" + search_id_;
  }

  bool decode_cursor(std::string_view s) {
    const size_t a = s.find(':');
    const size_t b = a == std::string_view::npos ? a : s.find(':', a + 1);
    if (b == std::string_view::npos) return false;
    int64_t day = 0, cursor = 0;
    if (!parse_tiktok_date(s.substr(0, a), &day) ||
        !parse_int(s.substr(a + 1, b - a - 1), &cursor) || cursor < 0) {
      return false;
    }
    end_day_ = day;
    cursor_ = cursor;
    search_id_ = std::string(s.substr(b + 1));
    return true;
  }

  Result<CallOutcome> on_videos(const Page& page) {
    CallOutcome o;
    comment_videos_.clear();
    for (const Item& it : page.items) {
      note_run_top(&state_, it.id, it.time);
      if (place_item(state_, config_, it.id, it.time) != ItemPlace::kWanted) continue;
      ++o.items;
      if (config_.comments && it.comment_count != 0) comment_videos_.push_back(it.id);
    }
    // A page of nothing but seen (or too new) videos adds nothing: not written again.
    o.emit = o.items > 0;
    ++pages_done_;
    // Where the next page starts: further in this window, or the next older window, or nowhere.
    // A has_more whose cursor does not move on would loop: the window ends there.
    if (page.has_more && page.cursor > cursor_) {
      cursor_ = page.cursor;
      if (!page.search_id.empty()) search_id_ = page.search_id;
    } else if (start_day() > floor_day_) {
      end_day_ = start_day() - 1;
      cursor_ = 0;
      search_id_.clear();
      restarted_window_ = false;
    } else {
      last_page_ = true;
    }
    if (config_.comments && config_.comments_per_video > 0 && !comment_videos_.empty()) {
      phase_ = Phase::kComments;
      comment_video_ = 0;
      comments_seen_ = 0;
      comment_cursor_ = 0;
      return o;
    }
    finish_page(&o);
    return o;
  }

  Result<CallOutcome> on_comments(const Page& page) {
    CallOutcome o;
    o.items = static_cast<int64_t>(page.items.size());
    o.emit = o.items > 0;
    comments_seen_ += o.items;
    if (page.has_more && page.cursor > comment_cursor_ &&
        comments_seen_ < config_.comments_per_video) {
      comment_cursor_ = page.cursor;
      return o;
    }
    next_comment_video(&o);
    return o;
  }

  void next_comment_video(CallOutcome* o) {
    ++comment_video_;
    comments_seen_ = 0;
    comment_cursor_ = 0;
    if (comment_video_ >= comment_videos_.size()) finish_page(o);
  }

  // The page and its comments are out: a consistent point to resume from.
  void finish_page(CallOutcome* o) {
    o->checkpoint = true;
    if (last_page_) {
      finish_run(&state_, config_);
      phase_ = Phase::kDone;
      return;
    }
    const bool page_limit = continue_run(&state_, config_, encode_cursor(), &page_, pages_done_);
    phase_ = page_limit ? Phase::kDone : Phase::kList;
  }

  od::parser& parser_;
  simdjson::dom::parser& errors_;
  const Account& account_;
  AccountState state_;
  const TaskConfig& config_;
  std::string username_;
  Phase phase_ = Phase::kList;
  int64_t floor_day_ = 0;
  int64_t end_day_ = 0;  // the current window ends on this day (inclusive)
  int64_t cursor_ = 0;
  std::string search_id_;
  bool restarted_window_ = false;
  bool last_page_ = false;
  int64_t page_ = 1;
  int64_t pages_done_ = 0;
  std::vector<std::string> comment_videos_;
  size_t comment_video_ = 0;
  int64_t comments_seen_ = 0;
  int64_t comment_cursor_ = 0;
};

class TiktokAdapter : public Adapter {
 public:
  std::string_view platform() const override { return "tiktok"; }
  std::string default_base_url() const override { return "https://open.tiktokapis.com"; }
  AuthSpec auth() const override {
    return {AuthSpec::Style::kClientCredentials,
            {},
            "PANTAU_TIKTOK_CLIENT_KEY",
            true,
            "PANTAU_TIKTOK_CLIENT_SECRET",
            "/v2/oauth/token/",
            "client_key"};
  }
  // No short-term limit is published; the daily quota is 1000 requests per project.
  RateSpec default_rate() const override { return {5, 1000, 1000, 0}; }  // quota day: UTC

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& config) override {
    return std::make_unique<TiktokTask>(parser_, errors_, account, std::move(state), config);
  }

  Failure classify(const HttpResponse& r) const override {
    std::string code, message;
    error_of(errors_, r.body, &code, &message);
    if (code == "rate_limit_exceeded" || r.status == 429) return Failure::kRateLimited;
    if (code == "access_token_invalid" || code == "scope_not_authorized" || r.status == 401 ||
        r.status == 403) {
      return Failure::kAuth;
    }
    if (code == "internal_error") return Failure::kRetry;
    if (code == "invalid_params" && message.find("cannot find the user") != std::string::npos) {
      return Failure::kNotFound;
    }
    return classify_by_status(r.status);
  }

  std::pair<int64_t, int64_t> estimate(const Account& /*account*/, const AccountState& state,
                                       const TaskConfig& config, int64_t pages) const override {
    // At least one query per 30-day window between the floor and the top; comments: one call per
    // video with comments (assume 10 per page).
    const EpochMillis now = config.now > 0 ? config.now : now_millis();
    const int64_t top = day_of(config.until > 0 ? config.until : now);
    const int64_t days = top - floor_day(config, state, top) + 1;
    const int64_t windows = std::max<int64_t>(1, (days + kWindowDays - 1) / kWindowDays);
    const int64_t listing = std::max(pages, windows);
    const int64_t n = listing + (config.comments ? listing * 10 : 0);
    return {n, n};
  }

 private:
  mutable od::parser parser_;
  mutable simdjson::dom::parser errors_;
};

}  // namespace

std::unique_ptr<Adapter> make_tiktok_adapter() { return std::make_unique<TiktokAdapter>(); }

}  // namespace pantau::fetch
