#include "pantau/fetch/trusted_time.h"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>
#include <vector>

#include "pantau/fetch/redact.h"
#include "pantau/fetch/run_manifest.h"

namespace pantau::fetch {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using Req = Owned<TS_REQ, TS_REQ_free>;
using Resp = Owned<TS_RESP, TS_RESP_free>;
using VerifyCtx = Owned<TS_VERIFY_CTX, TS_VERIFY_CTX_free>;
using MsgImprint = Owned<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free>;
using Algor = Owned<X509_ALGOR, X509_ALGOR_free>;
using Bignum = Owned<BIGNUM, BN_free>;
using Integer = Owned<ASN1_INTEGER, ASN1_INTEGER_free>;

// OpenSSL's error queue in words (and emptied, so the next call starts clean).
std::string openssl_errors() {
  std::string out;
  char buf[256];
  while (const unsigned long e = ERR_get_error()) {
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    const char* reason = ERR_reason_error_string(e);
    out += reason != nullptr ? reason : buf;
  }
  return out.empty() ? "unknown error" : out;
}

std::string hex_of(const unsigned char* p, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  s.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    s.push_back(kHex[p[i] >> 4]);
    s.push_back(kHex[p[i] & 15]);
  }
  return s;
}

Result<std::string> bytes_of_hex(std::string_view hex) {
  if (hex.size() != 64) return Error::invalid("not a SHA-256 digest (64 hex digits)");
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int v = 0;
    for (size_t k = 0; k < 2; ++k) {
      const char c = hex[i + k];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) return Error::invalid("not a SHA-256 digest (64 hex digits)");
      v = v * 16 + d;
    }
    out.push_back(static_cast<char>(v));
  }
  return out;
}

Result<Resp> parse_reply(std::string_view der) {
  ERR_clear_error();
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  Resp resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(der.size())));
  if (!resp) return Error::invalid("not an RFC 3161 timestamp reply: " + openssl_errors());
  const TS_STATUS_INFO* si = TS_RESP_get_status_info(resp.get());
  const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(si));
  if (status != 0 && status != 1) {  // granted, grantedWithMods
    std::string text;
    const STACK_OF(ASN1_UTF8STRING)* texts = TS_STATUS_INFO_get0_text(si);
    if (texts != nullptr && sk_ASN1_UTF8STRING_num(texts) > 0) {
      const ASN1_UTF8STRING* t = sk_ASN1_UTF8STRING_value(texts, 0);
      text = ": " + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t)),
                                static_cast<size_t>(ASN1_STRING_length(t)));
    }
    return Error::invalid("the time-stamping authority refused (PKIStatus " +
                          std::to_string(status) + ")" + text);
  }
  if (TS_RESP_get_tst_info(resp.get()) == nullptr) {
    return Error::invalid("the timestamp reply holds no token");
  }
  return resp;
}

Result<TokenInfo> token_info(TS_RESP* resp) {
  TS_TST_INFO* tst = TS_RESP_get_tst_info(resp);
  TokenInfo info;
  struct tm tm {};
  if (ASN1_TIME_to_tm(TS_TST_INFO_get_time(tst), &tm) != 1) {
    return Error::invalid("the timestamp token has no readable time");
  }
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  info.gen_time = buf;
  Bignum serial(ASN1_INTEGER_to_BN(TS_TST_INFO_get_serial(tst), nullptr));
  if (serial) {
    char* h = BN_bn2hex(serial.get());
    info.serial = h;
    OPENSSL_free(h);
  }
  char oid[128];
  if (OBJ_obj2txt(oid, sizeof oid, TS_TST_INFO_get_policy_id(tst), 1) > 0) info.policy = oid;
  TS_MSG_IMPRINT* mi = TS_TST_INFO_get_msg_imprint(tst);
  const ASN1_OBJECT* algo = nullptr;
  X509_ALGOR_get0(&algo, nullptr, nullptr, TS_MSG_IMPRINT_get_algo(mi));
  if (OBJ_obj2nid(algo) != NID_sha256) {
    return Error::invalid("the timestamp token's imprint is not SHA-256");
  }
  const ASN1_OCTET_STRING* msg = TS_MSG_IMPRINT_get_msg(mi);
  info.digest = hex_of(ASN1_STRING_get0_data(msg), static_cast<size_t>(ASN1_STRING_length(msg)));
  return info;
}

}  // namespace

Result<std::string> make_timestamp_request(std::string_view sha256_hex) {
  auto digest = bytes_of_hex(sha256_hex);
  if (!digest) return digest.error();
  ERR_clear_error();
  Req req(TS_REQ_new());
  Algor algo(X509_ALGOR_new());
  MsgImprint imprint(TS_MSG_IMPRINT_new());
  Bignum nonce_bn(BN_new());
  if (!req || !algo || !imprint || !nonce_bn) return Error::io("out of memory");
  Integer nonce;
  const bool ok =
      TS_REQ_set_version(req.get(), 1) == 1 &&
      X509_ALGOR_set0(algo.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) == 1 &&
      TS_MSG_IMPRINT_set_algo(imprint.get(), algo.get()) == 1 &&
      TS_MSG_IMPRINT_set_msg(imprint.get(), reinterpret_cast<unsigned char*>(digest->data()),
                             static_cast<int>(digest->size())) == 1 &&
      TS_REQ_set_msg_imprint(req.get(), imprint.get()) == 1 &&
      BN_rand(nonce_bn.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
      (nonce = Integer(BN_to_ASN1_INTEGER(nonce_bn.get(), nullptr))) != nullptr &&
      TS_REQ_set_nonce(req.get(), nonce.get()) == 1 && TS_REQ_set_cert_req(req.get(), 1) == 1;
  if (!ok) return Error::io("cannot build the timestamp request: " + openssl_errors());
  const int len = i2d_TS_REQ(req.get(), nullptr);
  if (len <= 0) return Error::io("cannot encode the timestamp request: " + openssl_errors());
  std::string der(static_cast<size_t>(len), '\0');
  auto* p = reinterpret_cast<unsigned char*>(der.data());
  i2d_TS_REQ(req.get(), &p);
  return der;
}

Result<TokenInfo> check_timestamp_reply(std::string_view reply_der, std::string_view request_der) {
  auto resp = parse_reply(reply_der);
  if (!resp) return resp.error();
  const auto* p = reinterpret_cast<const unsigned char*>(request_der.data());
  Req req(d2i_TS_REQ(nullptr, &p, static_cast<long>(request_der.size())));
  if (!req) return Error::invalid("not a timestamp request: " + openssl_errors());
  // Version, imprint and nonce as asked; the signature is verify_timestamp's.
  VerifyCtx ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
  if (!ctx) return Error::io("cannot check the timestamp reply: " + openssl_errors());
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
  if (TS_RESP_verify_response(ctx.get(), resp->get()) != 1) {
    return Error::invalid("the timestamp reply does not answer the request: " + openssl_errors());
  }
  return token_info(resp->get());
}

Result<TokenInfo> verify_timestamp(std::string_view reply_der, std::string_view sha256_hex,
                                   const std::string& ca_file) {
  auto resp = parse_reply(reply_der);
  if (!resp) return resp.error();
  auto info = token_info(resp->get());
  if (!info) return info.error();
  if (info->digest != sha256_hex) {
    return Error::invalid("the token is over another file (its imprint is " + info->digest +
                          ", the manifest's SHA-256 is " + std::string(sha256_hex) + ")");
  }
  if (ca_file.empty()) return info;
  auto digest = bytes_of_hex(sha256_hex);
  if (!digest) return digest.error();
  ERR_clear_error();
  VerifyCtx ctx(TS_VERIFY_CTX_new());
  X509_STORE* store = X509_STORE_new();
  if (!ctx || store == nullptr) {
    X509_STORE_free(store);
    return Error::io("out of memory");
  }
  if (X509_STORE_load_file(store, ca_file.c_str()) != 1) {
    X509_STORE_free(store);
    return Error::invalid(ca_file + ": cannot read CA certificates: " + openssl_errors());
  }
  TS_VERIFY_CTX_set_store(ctx.get(), store);  // the context owns it now
  auto* imprint = static_cast<unsigned char*>(OPENSSL_malloc(digest->size()));
  if (imprint == nullptr) return Error::io("out of memory");
  std::copy(digest->begin(), digest->end(), imprint);
  TS_VERIFY_CTX_set_imprint(ctx.get(), imprint, static_cast<long>(digest->size()));  // owns it
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_IMPRINT);
  if (TS_RESP_verify_response(ctx.get(), resp->get()) != 1) {
    return Error::invalid("the token's signature does not verify against " + ca_file + ": " +
                          openssl_errors());
  }
  return info;
}

Result<std::string> request_timestamp(Transport& transport, const std::string& url,
                                      std::string request_der, int64_t timeout_ms) {
  HttpRequest r;
  r.method = "POST";
  r.url = url;
  r.headers = {{"content-type", "application/timestamp-query"},
               {"accept", "application/timestamp-reply"}};
  r.body = std::move(request_der);
  r.timeout_ms = timeout_ms;
  r.connect_timeout_ms = std::min<int64_t>(timeout_ms, 10000);
  r.sensitive = true;  // the URL may carry user:password
  transport.start(1, std::move(r));
  std::vector<Completion> done;
  while (done.empty() && transport.in_flight() > 0) transport.poll(1000, &done);
  const std::string shown = redact_argument(url);
  if (done.empty()) return Error::io("time-stamping authority " + shown + ": no reply");
  const HttpResponse& resp = done.front().response;
  if (resp.transport_failed()) {
    // libcurl's words name the host, not the credentials; redacted anyway, should one echo them.
    std::vector<std::string> secrets;
    const size_t host = url.find("://");
    const size_t at = host == std::string::npos ? std::string::npos : url.find('@', host);
    if (at != std::string::npos && url.find('/', host + 3) > at) {
      const std::string userinfo = url.substr(host + 3, at - host - 3);
      secrets.push_back(userinfo);
      const size_t colon = userinfo.find(':');
      if (colon != std::string::npos) secrets.push_back(userinfo.substr(colon + 1));
    }
    return Error::io("time-stamping authority " + shown + ": " +
                     redact_known(resp.transport_error, secrets));
  }
  if (resp.status != 200) {
    return Error::io("time-stamping authority " + shown + ": HTTP " + std::to_string(resp.status));
  }
  return resp.body;
}

}  // namespace pantau::fetch
