// CurlTransport: the real network, through libcurl's multi interface. Many transfers run at
// once on one thread, and connections to the same host are reused between transfers.
//
// Fixed policy, not options: TLS peer and host verification are always on; only http and https
// are allowed; redirects are not followed (an API that redirects is answered as is, and a
// secret in a query string never travels to another host); signals are not used (NOSIGNAL).
// Plain http is refused by the engine's configuration check except to loopback.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pantau/fetch/http.h"

namespace pantau::fetch {

class CurlTransport : public Transport {
 public:
  struct Options {
    std::string user_agent = "pantau-fetch-accounts";
    size_t max_body_bytes = size_t{256} << 20;  // a bigger response is a failed transfer
  };

  explicit CurlTransport(Options options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  void start(uint64_t id, HttpRequest request) override;
  void poll(int64_t timeout_ms, std::vector<Completion>* done) override;
  size_t in_flight() const override { return active_.size(); }

  struct Transfer;  // one transfer's buffers (defined in the .cpp; public for libcurl callbacks)

 private:
  Options options_;
  void* multi_ = nullptr;                              // CURLM*
  std::map<void*, std::unique_ptr<Transfer>> active_;  // by CURL* easy handle
  std::vector<void*> idle_;                            // easy handles kept for reuse
};

}  // namespace pantau::fetch
