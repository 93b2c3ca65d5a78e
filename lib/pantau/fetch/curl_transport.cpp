#include "pantau/fetch/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <string_view>

#include "pantau/fetch/url.h"
#include "pantau/time.h"

namespace pantau::fetch {

struct CurlTransport::Transfer {
  uint64_t id = 0;
  HttpRequest request;
  HttpResponse response;
  curl_slist* headers = nullptr;
  char error[CURL_ERROR_SIZE] = {0};
  size_t max_body = 0;
  bool too_big = false;
  long stall_seconds = 0;  // CURLOPT_LOW_SPEED_TIME of this transfer
};

namespace {

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<CurlTransport::Transfer*>(user);
  const size_t bytes = size * n;
  if (t->response.body.size() + bytes > t->max_body) {
    t->too_big = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response.body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<CurlTransport::Transfer*>(user);
  const size_t bytes = size * n;
  std::string_view line(data, bytes);
  if (line.substr(0, 5) == "HTTP/") {
    t->response.headers.clear();  // a new response (after 100 Continue): keep only the last
    return bytes;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    t->response.headers.emplace_back(ascii_lower(trim(line.substr(0, colon))),
                                     std::string(trim(line.substr(colon + 1))));
  }
  return bytes;
}

std::string describe(CURLcode code, const char* buffer) {
  // curl's messages name hosts and ports but never the query string, so no secret leaks here.
  std::string m = buffer[0] != '\0' ? buffer : curl_easy_strerror(code);
  while (!m.empty() && (m.back() == '\n' || m.back() == '.')) m.pop_back();
  if (!m.empty() && m[0] >= 'A' && m[0] <= 'Z') m[0] = static_cast<char>(m[0] - 'A' + 'a');
  return m;
}

}  // namespace

CurlTransport::CurlTransport(Options options) : options_(std::move(options)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  multi_ = curl_multi_init();
}

CurlTransport::~CurlTransport() {
  for (auto& [easy, t] : active_) {
    curl_multi_remove_handle(static_cast<CURLM*>(multi_), easy);
    curl_slist_free_all(t->headers);
    curl_easy_cleanup(easy);
  }
  for (void* easy : idle_) curl_easy_cleanup(easy);
  curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

void CurlTransport::start(uint64_t id, HttpRequest request) {
  CURL* easy = nullptr;
  if (!idle_.empty()) {
    easy = idle_.back();
    idle_.pop_back();
    curl_easy_reset(easy);
  } else {
    easy = curl_easy_init();
  }
  auto t = std::make_unique<Transfer>();
  t->id = id;
  t->request = std::move(request);
  t->max_body = options_.max_body_bytes;
  for (const auto& [name, value] : t->request.headers) {
    t->headers = curl_slist_append(t->headers, (name + ": " + value).c_str());
  }
  // curl would send "Expect: 100-continue" before a large body and wait for the server's nod.
  if (!t->request.body.empty()) t->headers = curl_slist_append(t->headers, "Expect:");
  curl_easy_setopt(easy, CURLOPT_URL, t->request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST,
                   t->request.method == "GET" ? nullptr : t->request.method.c_str());
  if (!t->request.body.empty()) {
    // The body lives in the Transfer until the transfer ends; curl does not copy it.
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t->request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(t->request.body.size()));
  }
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(t->request.timeout_ms));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(t->request.connect_timeout_ms));
  // curl's low-speed check also covers the wait for the first byte, so a server that accepts
  // and never answers ends as "stalled" after the stall time.
  const int64_t stall_ms = std::min(t->request.timeout_ms, t->request.stall_timeout_ms);
  t->stall_seconds = std::max<long>(1, static_cast<long>((stall_ms + 999) / 1000));
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, t->stall_seconds);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate/br as built in
  curl_easy_setopt(easy, CURLOPT_PRIVATE, t.get());
  curl_multi_add_handle(static_cast<CURLM*>(multi_), easy);
  active_.emplace(easy, std::move(t));
}

void CurlTransport::poll(int64_t timeout_ms, std::vector<Completion>* done) {
  auto* multi = static_cast<CURLM*>(multi_);
  int running = 0;
  curl_multi_perform(multi, &running);
  auto collect = [&] {
    size_t found = 0;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      auto it = active_.find(easy);
      if (it == active_.end()) continue;
      Transfer& t = *it->second;
      Completion c;
      c.id = t.id;
      c.response = std::move(t.response);
      c.response.received_at = now_millis();
      const CURLcode code = msg->data.result;
      if (code == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        c.response.status = static_cast<int>(status);
      } else {
        c.response.status = 0;
        c.response.timed_out = code == CURLE_OPERATION_TIMEDOUT;
        if (t.too_big) {
          c.response.transport_error = "response larger than the limit";
        } else if (code == CURLE_OPERATION_TIMEDOUT &&
                   std::string_view(t.error).starts_with("Operation too slow")) {
          c.response.transport_error =
              "stalled: no data for " + std::to_string(t.stall_seconds) + " s";
        } else {
          c.response.transport_error = describe(code, t.error);
        }
      }
      curl_multi_remove_handle(multi, easy);
      curl_slist_free_all(t.headers);
      active_.erase(it);
      idle_.push_back(easy);
      done->push_back(std::move(c));
      ++found;
    }
    return found;
  };
  if (collect() > 0 || timeout_ms <= 0) return;
  int numfds = 0;
  curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::min<int64_t>(timeout_ms, 1000)),
                  &numfds);
  curl_multi_perform(multi, &running);
  collect();
}

}  // namespace pantau::fetch
