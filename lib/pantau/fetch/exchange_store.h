// Recorded HTTP exchanges for --record DIR and --replay DIR.
//
// On disk, one file per exchange, DIR/<key>.http, readable and writable by hand:
//
//   GET https://www.googleapis.com/youtube/v3/channels?forHandle=%40budi&key=REDACTED&part=...
//   fetched-at: 2024-02-12T01:00:00Z
//                                                  <- blank line
//   HTTP/1.1 200 OK
//   content-type: application/json; charset=UTF-8
//                                                  <- blank line
//   {"kind": "youtube#channelListResponse", ...}   <- the body, byte for byte, to end of file
//
// The first line is the request: method and the *canonical* URL, which is the URL with secrets
// redacted (redact.h) and query parameters sorted by name, then value. So the key does not
// depend on the API key used nor on the order an adapter added parameters, and exchanges can be
// replayed in any order. <key> is the first 32 hex digits of SHA-256 of that line; replay does
// not rely on file names: it reads every *.http file in DIR and indexes it by its first line.
// "fetched-at" is optional; on replay it becomes the raw record's fetched_at (else: now).
//
// A request with a body (TikTok's POST queries) adds a line after the first,
//   request-body: {"query":{...},"cursor":100,...}
// (or "request-body-sha256: <hex>" for a body that spans lines), and that line is part of the
// key: two POSTs to one URL with different bodies are different exchanges. Requests marked
// HttpRequest::sensitive (OAuth token exchanges: the body holds the client secret, the response
// the token) are never recorded; replay needs none, as it sends placeholder credentials.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/fetch/clock.h"
#include "pantau/fetch/http.h"
#include "pantau/result.h"

namespace pantau::fetch {

// "GET https://host/path?a=1&key=REDACTED": the replay key line of a request.
std::string canonical_request_line(std::string_view method, std::string_view url);
// The key of an exchange: the canonical request line, and the request-body line when `body` is
// not empty.
std::string exchange_key(std::string_view method, std::string_view url, std::string_view body);
// The file name (without directory) an exchange is recorded under.
std::string exchange_file_name(std::string_view request_line);

// Serializes an exchange in the format above.
std::string format_exchange(std::string_view request_line, const HttpResponse& response);
// Parses a file in the format above. Errors name what is missing.
struct Exchange {
  std::string request_line;  // the key: exchange_key() of the recorded request
  HttpResponse response;     // received_at = fetched-at, or 0 when absent
};
Result<Exchange> parse_exchange(std::string_view text);

// A Transport that answers from DIR without any network. A request with no recorded exchange
// fails at once (not retried) with "no recorded exchange for <request line>", which tells a
// person writing replay files what to add.
class ReplayTransport : public Transport {
 public:
  // Loads and indexes every *.http file in `dir`. Errors: unreadable directory, malformed file
  // (named).
  static Result<std::unique_ptr<ReplayTransport>> open(const std::string& dir);

  void start(uint64_t id, HttpRequest request) override;
  void poll(int64_t timeout_ms, std::vector<Completion>* done) override;
  size_t in_flight() const override { return ready_.size(); }
  // The replay's virtual time (clock.h): starts at the recordings' earliest fetched-at (or now,
  // when none has one) and moves on when poll() is asked to wait. Pass it to the Engine.
  Clock& clock() { return *clock_; }

 private:
  std::map<std::string, HttpResponse> exchanges_;
  std::unique_ptr<ReplayClock> clock_;
  std::vector<Completion> ready_;
};

// A Transport that passes everything to `inner` and also writes each completed HTTP exchange
// (any status; not transport failures) to DIR. Write failures are kept and reported by status().
class RecordingTransport : public Transport {
 public:
  RecordingTransport(Transport& inner, std::string dir);

  void start(uint64_t id, HttpRequest request) override;
  void poll(int64_t timeout_ms, std::vector<Completion>* done) override;
  size_t in_flight() const override { return inner_.in_flight(); }

  const Status& status() const { return status_; }

 private:
  Transport& inner_;
  std::string dir_;
  std::map<uint64_t, std::string> lines_;  // transfer id -> request line
  // transfer id -> the credentials the request carried, redacted from the recorded body too
  std::map<uint64_t, std::vector<std::string>> secrets_;
  Status status_;
};

}  // namespace pantau::fetch
