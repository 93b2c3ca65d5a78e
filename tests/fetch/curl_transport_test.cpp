// CurlTransport against servers that misbehave at the socket level: one that accepts and never
// answers (stalled), and one that promises a body and closes half way (reset mid-body). Both
// must end as transport failures the engine can retry, never as a short "successful" body.
#include "pantau/fetch/curl_transport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

using namespace pantau::fetch;

namespace {

// A loopback listener whose one connection is served by `serve(fd)` on a thread.
class RawServer {
 public:
  template <typename Serve>
  explicit RawServer(Serve serve) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listen_fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listen_fd_, 4) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this, serve] {
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      serve(fd, done_);
      ::close(fd);
    });
  }
  ~RawServer() {
    done_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    thread_.join();
    ::close(listen_fd_);
  }
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/page"; }

 private:
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

HttpResponse fetch_once(const HttpRequest& request) {
  CurlTransport curl(CurlTransport::Options{});
  curl.start(1, request);
  std::vector<Completion> done;
  while (done.empty()) curl.poll(200, &done);
  return done.front().response;
}

void read_request(int fd) {
  char buf[4096];
  (void)::recv(fd, buf, sizeof buf, 0);
}

}  // namespace

TEST_CASE("a server that accepts and never answers ends as stalled, before the timeout",
          "[curl][hostile]") {
  RawServer server([](int fd, const std::atomic<bool>& done) {
    read_request(fd);
    while (!done) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  });
  HttpRequest req;
  req.url = server.url();
  req.timeout_ms = 600000;  // the stall limit, not the timeout, must end it
  req.stall_timeout_ms = 1000;
  const HttpResponse r = fetch_once(req);
  CHECK(r.status == 0);
  CHECK(r.transport_failed());
  CHECK(r.timed_out);
  CHECK(r.transport_error == "stalled: no data for 1 s");
}

TEST_CASE("a body cut short by the server is a transport failure, not a short page",
          "[curl][hostile]") {
  RawServer server([](int fd, const std::atomic<bool>&) {
    read_request(fd);
    const std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        "{\"data\":[{\"id\":\"1\"";
    (void)::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  });
  HttpRequest req;
  req.url = server.url();
  const HttpResponse r = fetch_once(req);
  CHECK(r.status == 0);
  CHECK(r.transport_failed());
  CHECK_FALSE(r.timed_out);
  CHECK(r.transport_error.find("remaining") != std::string::npos);
}
