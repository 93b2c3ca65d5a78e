// Lookup: how one platform answers "do these posts still exist?" by id, for a recheck and for
// hydrate (recheck.h). A lookup names the request for a batch of ids (at most batch_limit(), the
// API's own limit), and reads what the answer says about ids it did not return as posts: the
// posts it did return are read by pantau-normalize's own mapping, so that their text is
// compared exactly as the post records were made.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/recheck_item.h"
#include "pantau/records/status.h"

namespace pantau::fetch {

using records::PostStatus;  // the status record (records/status.h)

struct Verdict {
  PostStatus status = PostStatus::kUnknown;
  std::string reason;  // the platform's words or code; "" when it gave none
};

class Lookup {
 public:
  virtual ~Lookup() = default;
  virtual std::string_view platform() const = 0;
  // Ids one request can ask for.
  virtual size_t batch_limit() const = 0;
  // Items that may share a request: batches are made per group ("" for all), e.g. Mastodon's
  // server.
  virtual std::string group_of(const RecheckItem& /*item*/) const { return {}; }
  // The request for `items` (1..batch_limit(), one group).
  virtual ApiCall call(const std::vector<RecheckItem>& items, const TaskConfig& config) const = 0;
  // The key a post of the answer is matched by, from its native_id (Mastodon: the id after the
  // server, since the server that answered may be a proxy).
  virtual std::string match_key(std::string_view native_id) const { return std::string(native_id); }
  // Checks a 2xx answer before it is read: an error (a page cut short) retries the request.
  virtual Status accept(const HttpResponse& /*response*/) const { return {}; }
  // Whether answers are JSON (a 2xx answer that does not parse is then retried); false: HTML.
  virtual bool json() const { return true; }
  // What a 2xx answer `r` says about `item`, which it did not return as a post. `body` is the
  // parsed answer, or null when it is not JSON.
  virtual Verdict missing(const RecheckItem& item, const simdjson::dom::element* body,
                          const HttpResponse& r) const = 0;
  // What a 2xx answer says about `item` that it did return (usually nothing: nullopt, and the
  // text decides between present and edited), e.g. a video whose upload was rejected.
  virtual std::optional<Verdict> returned(const RecheckItem& /*item*/,
                                          const simdjson::dom::element* /*body*/) const {
    return std::nullopt;
  }
  // What a failed response (404, 403, ...) says about a batch: a verdict for all its items, or
  // nullopt when it is a failure of the check (retried or reported as unknown).
  virtual std::optional<Verdict> failed(const HttpResponse& /*response*/) const {
    return std::nullopt;
  }
};

std::unique_ptr<Lookup> make_x_lookup();
std::unique_ptr<Lookup> make_youtube_lookup();
std::unique_ptr<Lookup> make_mastodon_lookup();
std::unique_ptr<Lookup> make_bluesky_lookup();
std::unique_ptr<Lookup> make_telegram_lookup();
std::unique_ptr<Lookup> make_tiktok_lookup();
std::unique_ptr<Lookup> make_facebook_lookup();
// The lookup for `platform`, or nullptr where recheck is not built (docs/fetch.md says why).
std::unique_ptr<Lookup> make_lookup(std::string_view platform);

}  // namespace pantau::fetch
