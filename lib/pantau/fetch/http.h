// HTTP as the fetch engine sees it: requests, responses, and a Transport that runs many
// transfers at once. The engine never talks to libcurl directly, so its tests run against a
// scripted transport, and --record/--replay wrap or replace the real one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pantau/time.h"

namespace pantau::fetch {

using Headers = std::vector<std::pair<std::string, std::string>>;  // names lowercase

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // may carry a secret (an API key): never log it; see redact.h
  Headers headers;  // may carry a secret (Authorization)
  int64_t timeout_ms = 60000;
  int64_t connect_timeout_ms = 10000;
  // A connection that delivers no byte for this long (or for timeout_ms, if shorter) is
  // abandoned as stalled: a server that accepts and then hangs costs seconds, not the timeout.
  int64_t stall_timeout_ms = 20000;
  std::string body{};      // sent when non-empty (POST); part of a recorded exchange's key
  bool sensitive = false;  // the body or the response carries a secret (an OAuth token
                           // exchange): never recorded (RecordingTransport) nor logged
};

struct HttpResponse {
  int status = 0;   // 0 when the transfer failed before a status line
  Headers headers;  // lowercase names, in arrival order
  std::string body;
  std::string transport_error;  // "" on success; e.g. "timeout", "connection reset"
  bool timed_out = false;
  bool permanent = false;       // a transport failure that retrying cannot fix (replay miss)
  std::string failure_detail;   // words for a failed response when the body has none (collectors)
  EpochMillis received_at = 0;  // wall clock when the transfer ended (fetched_at)

  bool transport_failed() const { return !transport_error.empty(); }
  // The first header called `name` (lowercase), or "".
  std::string_view header(std::string_view name) const;
};

// A finished transfer.
struct Completion {
  uint64_t id = 0;
  HttpResponse response;
};

// Runs transfers concurrently. Single-threaded use: start() and poll() from one thread.
class Transport {
 public:
  virtual ~Transport() = default;
  // Begins a transfer. `id` comes back in its Completion.
  virtual void start(uint64_t id, HttpRequest request) = 0;
  // Waits up to `timeout_ms` for at least one transfer to end and appends every finished one to
  // *done. Returns at once when transfers have already finished.
  virtual void poll(int64_t timeout_ms, std::vector<Completion>* done) = 0;
  virtual size_t in_flight() const = 0;
};

// Parses a response head as written in fixture and replay files: a status line
// ("HTTP/1.1 200 OK") followed by "Name: value" lines. Names are lowercased.
bool parse_response_head(std::string_view head, int* status, Headers* headers);

}  // namespace pantau::fetch
