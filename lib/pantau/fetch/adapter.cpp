#include "pantau/fetch/adapter.h"

namespace pantau::fetch {
namespace {

// `ids` is a list of ids, one per line (AccountState::newest_id, run_top_id).
bool has_id(std::string_view ids, std::string_view id) {
  while (!ids.empty()) {
    const size_t nl = ids.find('\n');
    if (ids.substr(0, nl) == id) return true;
    if (nl == std::string_view::npos) break;
    ids.remove_prefix(nl + 1);
  }
  return false;
}

void add_id(std::string* ids, std::string_view id) {
  if (id.empty() || has_id(*ids, id)) return;
  if (!ids->empty()) ids->push_back('\n');
  ids->append(id);
}

}  // namespace

Failure classify_by_status(int status) {
  if (status == 401) return Failure::kAuth;
  if (status == 404 || status == 410) return Failure::kNotFound;
  if (status == 429) return Failure::kRateLimited;
  if (status == 408 || status == 425 || status >= 500) return Failure::kRetry;
  return Failure::kPermanent;
}

Failure Adapter::classify(const HttpResponse& response) const {
  return classify_by_status(response.status);
}

std::pair<int64_t, int64_t> Adapter::estimate(const Account& /*account*/,
                                              const AccountState& /*state*/,
                                              const TaskConfig& /*config*/, int64_t pages) const {
  return {pages, pages};
}

std::vector<std::unique_ptr<Adapter>> make_adapters() {
  std::vector<std::unique_ptr<Adapter>> out;
  out.push_back(make_youtube_adapter());
  out.push_back(make_mastodon_adapter());
  out.push_back(make_bluesky_adapter());
  out.push_back(make_x_adapter());
  out.push_back(make_telegram_adapter());
  out.push_back(make_tiktok_adapter());
  out.push_back(make_facebook_adapter());
  out.push_back(make_instagram_adapter());
  return out;
}

std::string window_of(const TaskConfig& config) {
  return std::to_string(config.since) + "," + std::to_string(config.until);
}

bool begin_run(AccountState* state, const TaskConfig& config) {
  if (!state->cursor.empty() && state->window == window_of(config)) return true;
  state->cursor.clear();
  state->cursor_page = 0;
  state->run_top_id.clear();
  state->run_top_time = 0;
  state->window = window_of(config);
  return false;
}

void note_run_top(AccountState* state, std::string_view id, EpochMillis time) {
  if (time > state->run_top_time || state->run_top_id.empty()) {
    state->run_top_time = time;
    state->run_top_id = std::string(id);
  } else if (time == state->run_top_time) {
    add_id(&state->run_top_id, id);
  }
}

void finish_run(AccountState* state, const TaskConfig& config) {
  if (config.until == 0 && state->run_top_time > state->newest_time) {
    state->newest_time = state->run_top_time;
    state->newest_id = state->run_top_id;
  } else if (config.until == 0 && state->run_top_time > 0 &&
             state->run_top_time == state->newest_time) {
    // A sibling of the last run's newest post that appeared since: both are now handed out.
    for (std::string_view rest = state->run_top_id; !rest.empty();) {
      const size_t nl = rest.find('\n');
      add_id(&state->newest_id, rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
  }
  state->cursor.clear();
  state->cursor_page = 0;
  state->run_top_id.clear();
  state->run_top_time = 0;
  state->window.clear();
}

bool continue_run(AccountState* state, const TaskConfig& config, std::string next_cursor,
                  int64_t* page, int64_t pages_done) {
  state->cursor = std::move(next_cursor);
  state->cursor_page = (*page)++;
  return config.max_pages > 0 && pages_done >= config.max_pages;
}

ItemPlace place_item(const AccountState& state, const TaskConfig& config, std::string_view id,
                     EpochMillis time) {
  if (time == 0) return ItemPlace::kWanted;  // no usable time: keep it rather than lose it
  if (config.since > 0) {
    if (time < config.since) return ItemPlace::kSeen;
  } else if (state.newest_time > 0) {
    // The newest items of the last run, and anything older, were handed out already. An item
    // with the same time but another id is a sibling published in the same instant: wanted.
    if (time < state.newest_time || (time == state.newest_time && has_id(state.newest_id, id))) {
      return ItemPlace::kSeen;
    }
  }
  if (config.until > 0 && time > config.until) return ItemPlace::kTooNew;
  return ItemPlace::kWanted;
}

EpochMillis parse_time_or_zero(std::string_view s) {
  if (s.empty()) return 0;
  auto t = parse_datetime(s);
  return t ? *t : 0;
}

}  // namespace pantau::fetch
