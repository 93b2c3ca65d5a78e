#include "pantau/normalize/normalizer.h"

#include <exception>
#include <string>
#include <utility>

#include "pantau/json_writer.h"
#include "pantau/sha256.h"
#include "pantau/utf8.h"

namespace pantau::normalize {
namespace {

using simdjson::error_code;
using simdjson::SUCCESS;

bool is_retryable_status(int64_t s) { return s == 429 || s >= 500; }

// pantau-fetch-accounts' handle-resolution steps (lib/pantau/fetch/*_adapter.cpp). They answer
// with the account, not posts: the raw record is provenance, and normalize makes nothing of it.
bool is_account_lookup(std::string_view platform, std::string_view endpoint) {
  static constexpr std::pair<std::string_view, std::string_view> kLookups[] = {
      {"x", "users_by_username"}, {"mastodon", "lookup"}, {"youtube", "channels"}};
  for (const auto& [p, e] : kLookups) {
    if (platform == p && endpoint == e) return true;
  }
  return false;
}

// A recheck's lookup of one post (fetch-accounts --recheck) that the platform answered with
// "not there": that answer is the status record fetch-accounts wrote beside it, not a failed
// request (Mastodon statuses/:id: 404 deleted, 410 gone, 403 not visible; Facebook's Graph
// /?ids=ID: 803 deleted, 100/33 not visible, as 400 or 404). Any other refusal of a Facebook
// lookup already has fetch-accounts' own error record beside it.
bool is_gone_answer(std::string_view platform, std::string_view endpoint, int64_t status) {
  if (platform == "facebook" && endpoint == "posts_by_id") return status == 400 || status == 404;
  return platform == "mastodon" && endpoint == "status" &&
         (status == 404 || status == 410 || status == 403);
}

// Decodes standard or URL-safe base64 (padding optional); false on a bad character.
bool decode_base64(std::string_view in, std::string* out) {
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+' || c == '-')
      v = 62;
    else if (c == '/' || c == '_')
      v = 63;
    else if (c == '=' || c == '\n' || c == '\r')
      continue;
    else
      return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return true;
}

// A message from an API error body, when the body has one ({"error":{"message":...}},
// {"error":"...","message":...}, {"title":...,"detail":...}); empty otherwise.
std::string error_message_of(std::string_view body, simdjson::ondemand::parser& parser,
                             std::string* buf) {
  buf->assign(body);
  buf->reserve(body.size() + simdjson::SIMDJSON_PADDING);
  od::document doc;
  if (parser.iterate(simdjson::padded_string_view(buf->data(), buf->size(), buf->capacity()))
          .get(doc)) {
    return {};
  }
  std::string message, detail, code;
  auto e = for_each_field(doc, [&](std::string_view k, od::value v) -> error_code {
    if (k == "error") {
      od::json_type t;
      if (v.type().get(t)) return SUCCESS;
      if (t == od::json_type::string) {
        read_string(v, &code);
        return SUCCESS;
      }
      // {"error":{"code":403,"message":...,"errors":[{"reason":"quotaExceeded"}],"status":...}}
      // (Google), {"error":{"code":"rate_limit_exceeded",...}} (TikTok), {"error":{"code":4,
      // "type":"OAuthException",...}} (Meta): prefer a symbolic reason over a number.
      std::string reason;
      error_code ee = fields_of(v, [&](std::string_view ek, od::value ev) -> error_code {
        od::json_type et;
        if (ev.type().get(et)) return SUCCESS;
        if (ek == "message") {
          read_string(ev, &message);
        } else if ((ek == "code" || ek == "status" || ek == "type") &&
                   et == od::json_type::string && code.empty()) {
          read_string(ev, &code);
        } else if (ek == "errors") {
          return elements_of(ev, [&](od::value item) -> error_code {
            return fields_of(item, [&](std::string_view ik, od::value iv) -> error_code {
              if (ik == "reason" && reason.empty()) read_string(iv, &reason);
              return SUCCESS;
            });
          });
        }
        return SUCCESS;
      });
      if (!reason.empty()) code = reason;
      return ee;
    }
    if (k == "message" && message.empty())
      read_string(v, &message);
    else if (k == "detail")
      read_string(v, &detail);
    else if (k == "title" && code.empty())
      read_string(v, &code);
    return SUCCESS;
  });
  (void)e;
  if (message.empty()) message = detail;
  if (!code.empty() && !message.empty()) return code + ": " + message;
  return code.empty() ? message : code;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Whether `text` (a line) opens a pretty-printed document: it begins a value that does not close
// on the line, and ends where pretty-printers break lines (after '{', '[', ',' or ':'), not inside
// a string or a number as a line cut short does. Lines ending in '}' or ']' (every NDJSON record)
// are answered without a scan.
bool opens_document(std::string_view text, JsonSplitter* split) {
  text = trim_right(text);
  if (text.empty()) return false;
  const char last = text.back();
  if (last != '{' && last != '[' && last != ',' && last != ':') return false;
  const size_t first = text.find_first_not_of(" \t");
  if (text[first] != '{' && text[first] != '[') return false;
  split->reset();
  return split->feed(text) == std::string_view::npos && split->open() && !split->in_string();
}

// Whether `text` looks like the start of an NDJSON record (an object at column 0 with a key)
// rather than a line inside a pretty-printed document, whose lines inside are indented.
bool starts_record(std::string_view text) { return text.size() > 2 && text.substr(0, 2) == "{\""; }

// One-line, lowercase-first message without a trailing period (diagnostics style).
std::string tidy_message(std::string m) {
  for (char& c : m) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  while (!m.empty() && (m.back() == '.' || m.back() == ' ')) m.pop_back();
  if (m.size() > 300) m.resize(300);
  return m;
}

}  // namespace

class RecordNormalizer::Sink : public PostSink {
 public:
  Sink(RecordNormalizer* n) : n_(n) {}
  void emit(const Post& post) override {
    if (post.native_id.empty()) return;  // nothing to identify it by
    ++emitted_;
    if (n_->opts_.dedup) {
      PostWriter::post_id(post, &id_);
      if (!n_->seen_.insert(id_)) {
        ++n_->stats_.duplicates;
        return;
      }
    }
    n_->writer_.write(post, n_->prov_, *writer_);
    writer_->byte('\n');
    ++n_->stats_.posts;
  }
  // Set while a mapping runs: the posts of one input record are written through one
  // RecordWriter, so its room ahead is made (and zero-filled) once, not per post.
  RecordWriter* writer_ = nullptr;
  // Posts the current mapping emitted (written, or dropped as duplicates).
  uint64_t emitted_ = 0;

 private:
  RecordNormalizer* n_;
  std::string id_;
};

RecordNormalizer::RecordNormalizer(NormalizeOptions opts)
    : opts_(std::move(opts)), sink_(std::make_unique<Sink>(this)) {}

RecordNormalizer::~RecordNormalizer() = default;

void RecordNormalizer::append_error_record(std::string_view stage, std::string_view platform,
                                           std::optional<int64_t> http_status,
                                           std::string_view message, bool retryable,
                                           std::string* out) {
  JsonWriter w(out);
  w.begin_object();
  w.field("kind", "error");
  w.field("tool", opts_.tool);
  w.field("stage", stage);
  w.key("time");
  w.null();  // normalize's output depends on its input only, never on the clock
  w.key("account");
  if (prov_.account_json.empty()) {
    w.null();
  } else {
    w.raw(prov_.account_json);
  }
  w.field_or_null("platform", platform);
  w.key("http_status");
  if (http_status) {
    w.number(*http_status);
  } else {
    w.null();
  }
  w.field("message", message);
  w.field("retryable", retryable);
  w.key("attempts");
  w.null();
  w.field("input", prov_.input);
  w.key("line");
  w.number(static_cast<int64_t>(prov_.line));
  w.end_object();
  out->push_back('\n');
}

Status RecordNormalizer::fail(const Line& line, Error error, std::string* out) {
  ++stats_.failed;
  prov_.input = line.input;
  prov_.line = line.number;
  append_error_record("normalize", platform_, std::nullopt, error.message, false, out);
  return error;
}

simdjson::error_code RecordNormalizer::prepare(Mapping map, simdjson::padded_string_view json,
                                               od::document* doc) {
  if (map.tokens) return tokens_.index(json);
  return body_parser_.iterate(json).get(*doc);
}

FormatStats& RecordNormalizer::format_stats(std::string_view format) {
  for (auto& f : stats_.formats) {
    if (f.format == format) return f;
  }
  stats_.formats.push_back(FormatStats{std::string(format)});
  return stats_.formats.back();
}

Status RecordNormalizer::account(const MapContext& ctx, std::string_view expected) {
  const uint64_t emitted = sink_->emitted_;
  FormatStats& fs = format_stats(prov_.format);
  if (counted_line_ != stats_.lines) {
    counted_line_ = stats_.lines;
    ++fs.documents;
  }
  fs.items += ctx.items;
  fs.posts += emitted;
  stats_.items += ctx.items;
  if (ctx.items > emitted) stats_.items_without_post += ctx.items - emitted;
  if (ctx.items > 0 && emitted == 0) {
    return Error::invalid(prov_.format + ": " + std::to_string(ctx.items) +
                          (ctx.items == 1 ? " item" : " items") + " but no post made: expected " +
                          std::string(expected));
  }
  if (ctx.items == 0 && !ctx.found) {
    return Error::invalid(prov_.format + ": no items found: expected " + std::string(expected));
  }
  return {};
}

Status RecordNormalizer::run_mapping(Mapping map, od::document* doc, std::string* out) {
  MapContext ctx;
  ctx.endpoint = endpoint_;
  ctx.adapter = adapter_;
  ctx.post = &post_;
  ctx.sink = sink_.get();
  ctx.prov = &prov_;
  RecordWriter writer(out);
  sink_->writer_ = &writer;
  sink_->emitted_ = 0;
  Status s = map.tokens ? map.tokens(tokens_, ctx) : map.json(*doc, ctx);
  sink_->writer_ = nullptr;
  if (!s.ok()) return s;
  return account(ctx, expected_input(map));
}

Status RecordNormalizer::normalize_line(const Line& line, std::string* out) {
  if (!line.continued) ++stats_.lines;  // the reader's later pieces of a glued line count once
  warning_.clear();
  Status cut;
  if (!doc_.empty()) {
    if (line.input == doc_input_ && !starts_record(line.text)) return continue_document(line, out);
    cut = fail_document(
        line.input == doc_input_
            ? "ends early: line " + std::to_string(line.number) + " starts a new record"
            : "ends early: its input ended",
        out);
  }
  Status s = normalize_value(line, true, out);
  if (cut.ok()) return s;
  if (s.ok()) return cut;
  return Error{s.error().code, cut.message() + "; and this line: " + s.message()};
}

Status RecordNormalizer::finish(std::string* out) {
  warning_.clear();
  if (doc_.empty()) return {};
  return fail_document("ends early: the input ended", out);
}

Status RecordNormalizer::fail_document(std::string_view why, std::string* out) {
  Line start;
  start.input = doc_input_;  // fail() copies what it needs before doc_input_ changes
  start.number = doc_line_;
  const size_t bytes = doc_.size();
  platform_.clear();
  prov_.clear();
  Status s = fail(start,
                  Error::invalid("the JSON document from line " + std::to_string(doc_line_) + " (" +
                                 std::to_string(bytes) + " bytes so far) " + std::string(why)),
                  out);
  doc_.clear();
  doc_input_.clear();
  doc_split_.reset();
  return s;
}

Status RecordNormalizer::continue_document(const Line& line, std::string* out) {
  doc_repaired_ = doc_repaired_ || line.utf8_repaired;
  const size_t end = doc_split_.feed(line.text);
  if (end == std::string_view::npos) {
    doc_.append(line.text).push_back('\n');
    if (doc_.size() > opts_.max_document_bytes) {
      return fail_document("is longer than the limit (--max-line-bytes)", out);
    }
    return {};
  }
  doc_.append(line.text.substr(0, end));
  doc_.reserve(doc_.size() + simdjson::SIMDJSON_PADDING);
  Line whole;
  whole.text = doc_;
  whole.capacity = doc_.capacity();
  whole.input = doc_input_;
  whole.number = doc_line_;
  whole.utf8_repaired = doc_repaired_;
  Status s = normalize_value(whole, false, out);
  doc_.clear();
  doc_input_.clear();
  doc_split_.reset();
  // What follows the document on its last line ("}{" of two files cat'ed together).
  std::string_view rest = line.text.substr(end);
  if (rest.find_first_not_of(" \t\r") == std::string_view::npos) return s;
  Line tail;
  tail.text = rest;
  tail.capacity = line.capacity - end;
  tail.input = line.input;
  tail.number = line.number;
  tail.utf8_repaired = line.utf8_repaired;
  Status t = normalize_value(tail, true, out);
  return s.ok() ? t : s;
}

Status RecordNormalizer::normalize_value(const Line& line, bool whole_line, std::string* out) {
  if (whole_line && opens_document(line.text, &doc_split_)) {
    doc_.assign(line.text).push_back('\n');
    doc_input_.assign(line.input);
    doc_line_ = line.number;
    doc_repaired_ = line.utf8_repaired;
    return {};
  }
  platform_.clear();
  prov_.clear();
  prov_.input = line.input;
  prov_.line = line.number;
  prov_.utf8_repaired = line.utf8_repaired;
  // Every simdjson call here uses error codes; should one slip through as an exception (a
  // simdjson_result converted implicitly), or a mapping throw (std::out_of_range from a
  // substr on a hostile body), it fails this line, never the run. The posts written before
  // the throw stay; a post cut short by it is dropped.
  const size_t before = out->size();
  try {
    return normalize_json(line.padded(), line, whole_line, out);
  } catch (const simdjson::simdjson_error& e) {
    return fail_after_throw(line, "invalid JSON: " + json_error_message(e.error()), before, out);
  } catch (const std::exception& e) {
    return fail_after_throw(line, std::string("internal error reading this record: ") + e.what(),
                            before, out);
  }
}

Status RecordNormalizer::fail_after_throw(const Line& line, std::string message, size_t before,
                                          std::string* out) {
  sink_->writer_ = nullptr;
  const size_t last_nl = out->size() > before ? out->rfind('\n') : std::string::npos;
  out->resize(last_nl != std::string::npos && last_nl >= before ? last_nl + 1 : before);
  return fail(line, Error::invalid(std::move(message)), out);
}

Status RecordNormalizer::normalize_glued(const Line& line, std::string* out) {
  Status first;
  std::string_view rest = line.text;
  JsonSplitter split;
  while (rest.find_first_not_of(" \t\r") != std::string_view::npos) {
    split.reset();
    size_t end = split.feed(rest);
    // A piece that does not close may open a pretty-printed document (`cat a.json b.json`, b
    // pretty-printed), or is junk the parser will name; one that closes is one value.
    const bool open = end == std::string_view::npos;
    if (open) end = rest.size();
    Line piece = line;
    piece.text = rest.substr(0, end);
    piece.capacity = line.capacity - static_cast<size_t>(rest.data() - line.text.data());
    Status s = normalize_value(piece, open, out);
    if (first.ok() && !s.ok()) first = s;
    rest.remove_prefix(end);
  }
  return first;
}

Status RecordNormalizer::normalize_json(simdjson::padded_string_view json, const Line& line,
                                        bool whole_line, std::string* out) {
  od::document doc;
  if (auto e = line_parser_.iterate(json).get(doc)) {
    return fail(line, Error::invalid("invalid JSON: " + json_error_message(e)), out);
  }
  od::json_type top;
  if (auto e = doc.type().get(top)) {
    return fail(line, Error::invalid("invalid JSON: " + json_error_message(e)), out);
  }
  KeySignature sig;
  std::string kind;
  passthrough_id_.clear();
  bool has_kind = false;
  endpoint_.clear();
  adapter_.clear();
  encoding_.clear();
  status_.reset();
  body_json_ = {};
  if (top == od::json_type::array) {
    // A top-level array: gallery-dl messages ([[type, ...], ...]) or Mastodon statuses.
    od::array arr;
    if (auto e = doc.get_array().get(arr)) return fail(line, json_error("invalid JSON", e), out);
    for (auto item : arr) {
      od::value v;
      if (item.get(v)) break;
      od::json_type t;
      if (v.type().get(t)) break;
      if (t == od::json_type::array) sig.array_of_arrays = true;
      if (t == od::json_type::object) sig.array_of_statuses = true;  // checked by the mapping
      break;
    }
    if (!sig.array_of_arrays && !sig.array_of_statuses) {
      // An empty array is an empty page (of statuses, of messages): nothing to normalize.
      // An array of anything else is no format we know.
      size_t count = 0;
      if (arr.count_elements().get(count) != simdjson::SUCCESS) {
        return fail(line, Error::invalid("invalid JSON: malformed array"), out);
      }
      if (count == 0) return {};
      return fail(line, Error::unsupported("unrecognised input: an array of plain values"), out);
    }
  } else if (top == od::json_type::object) {
    error_code e = for_each_field(doc, [&](std::string_view k, od::value v) -> error_code {
      if (k == "kind") {
        has_kind = true;
        kind.clear();
        if (!read_string(v, &kind)) kind = "\x01";  // not a string: invalid below
        return SUCCESS;
      }
      if (opts_.dedup && has_kind && kind == "post" && k == "id") {
        passthrough_id_.clear();
        read_string(v, &passthrough_id_);  // --dedup: a post record passing through
        return SUCCESS;
      }
      if (!has_kind || kind == "raw") {
        // Fields of a raw record (also read before "kind" is known, which costs little).
        if (k == "platform") {
          platform_.clear();
          read_string(v, &platform_);
        } else if (k == "endpoint") {
          read_string(v, &endpoint_);
        } else if (k == "adapter") {
          read_string(v, &adapter_);
        } else if (k == "request_url") {
          read_string(v, &prov_.request_url);
        } else if (k == "fetched_at") {
          read_string(v, &prov_.fetched_at);
        } else if (k == "sha256") {
          read_string(v, &prov_.raw_sha256);
        } else if (k == "status") {
          status_ = read_count(v);
        } else if (k == "body_encoding") {
          read_string(v, &encoding_);
        } else if (k == "account") {
          od::json_type t;
          if (v.type().get(t) == SUCCESS && t == od::json_type::object) {
            JsonWriter w(&prov_.account_json);
            Status s = copy_value(v, w);
            if (!s.ok()) {
              prov_.account_json.clear();   // never write a half-copied object
              return simdjson::TAPE_ERROR;  // the record is not valid JSON
            }
          }
        } else if (k == "body") {
          string_body(v, &body_json_);
        }
      }
      if (!has_kind) {
        std::string uri;
        if (k == "uri") read_string(v, &uri);
        note_top_level_key(k, uri, &sig);
      }
      return SUCCESS;
    });
    if (e) return fail(line, Error::invalid("invalid JSON: " + json_error_message(e)), out);
    // More after the object: values glued together without newlines (`cat *.info.json`).
    const char* next = nullptr;
    if (whole_line && doc.current_location().get(next) == SUCCESS) {
      return normalize_glued(line, out);
    }
  } else {
    return fail(line, Error::invalid("record is not a JSON object"), out);
  }

  if (has_kind) {
    if (kind == "raw") return normalize_raw(line, out);
    if (kind == "\x01") return fail(line, Error::invalid("\"kind\" is not a string"), out);
    // Any other kind passes through untouched -- after a full validation, since we write it
    // out verbatim and the On Demand pass above skipped its values.
    auto v = validator_.validate(line);
    if (!v) return fail(line, v.error(), out);
    if (opts_.dedup && kind == "post" && !passthrough_id_.empty() &&
        !seen_.insert(passthrough_id_)) {
      ++stats_.duplicates;  // a post already written (or passed through) in this run
      return {};
    }
    append_passthrough(line, out);
    out->push_back('\n');
    ++stats_.passed_through;
    return {};
  }

  const InputFormat detected = detect_format(sig);
  InputFormat format = opts_.from != InputFormat::kAuto ? opts_.from : detected;
  if (opts_.from != InputFormat::kAuto && detected != InputFormat::kAuto &&
      !(mapping_of(detected) == mapping_of(opts_.from))) {
    platform_.clear();
    return fail(line,
                Error::invalid("--from " + std::string(input_format_name(opts_.from)) +
                               ", but the line is " + std::string(input_format_name(detected)) +
                               " output (try --from " + std::string(input_format_name(detected)) +
                               ", or leave it out)"),
                out);
  }
  if (format == InputFormat::kAuto) {
    platform_.clear();
    return fail(line,
                Error::unsupported("unrecognised input: not a pantau record and no known "
                                   "format (see --from)"),
                out);
  }
  prov_.format.assign(source_format_of(format));
  prov_.raw_sha256 = sha256_hex(line.text);
  prov_.account_json.clear();
  prov_.request_url.clear();
  prov_.fetched_at.clear();
  endpoint_.clear();
  const Mapping map = mapping_of(format);
  if (map.tokens) {
    if (auto e = tokens_.index(json)) {
      return fail(line, Error::invalid("invalid JSON: " + json_error_message(e)), out);
    }
  } else {
    doc.rewind();
  }
  Status s = run_mapping(map, &doc, out);
  if (!s.ok()) return fail(line, s.error(), out);
  return {};
}

Status RecordNormalizer::normalize_raw(const Line& line, std::string* out) {
  if (platform_.empty()) return fail(line, Error::invalid("raw record without \"platform\""), out);
  if (status_ && is_gone_answer(platform_, endpoint_, *status_)) return {};
  if (status_ && *status_ >= 400) {
    // The request failed; fetch-accounts kept the response. Say so in the stream, once.
    std::string message = "http " + std::to_string(*status_);
    if (!body_json_.empty() && encoding_ != "base64") {
      body_.clear();
      unescape_json_string(body_json_, &body_);
      std::string detail = error_message_of(std::string(body_), body_parser_, &scratch_);
      if (!detail.empty()) message += ": " + detail;
    }
    message = tidy_message(std::move(message));
    append_error_record("fetch", platform_, status_, message, is_retryable_status(*status_), out);
    ++stats_.fetch_errors;
    warning_ = platform_ + " request failed (" + message + "); wrote an error record";
    return {};
  }
  const bool collector = adapter_.rfind("command:", 0) == 0;
  if (!collector && is_account_lookup(platform_, endpoint_)) return {};
  // The body, unescaped into a buffer with simdjson's padding behind it.
  body_.clear();
  if (encoding_ == "base64") {
    scratch_.clear();
    unescape_json_string(body_json_, &scratch_);
    std::string bytes;
    if (!decode_base64(scratch_, &bytes)) {
      return fail(line, Error::invalid("raw body is not valid base64"), out);
    }
    if (append_repaired_utf8(bytes, &body_) > 0) prov_.utf8_repaired = true;
  } else {
    body_.reserve(body_json_.size() + simdjson::SIMDJSON_PADDING);
    // The body has an escape every few bytes (every key is \"key\"); unescape_json_string()
    // copies 16 bytes at a time between them, several times faster than a second simdjson
    // parse of the line (which this used before).
    unescape_json_string(body_json_, &body_);
  }
  body_.reserve(body_.size() + simdjson::SIMDJSON_PADDING);

  if (collector) {
    prov_.format = endpoint_.empty() ? adapter_.substr(8) : endpoint_;
  } else {
    prov_.format = platform_ + "." + endpoint_;
  }

  if (platform_ == "telegram" && !collector) {
    MapContext ctx;
    ctx.endpoint = endpoint_;
    ctx.adapter = adapter_;
    ctx.post = &post_;
    ctx.sink = sink_.get();
    ctx.prov = &prov_;
    Status s;
    {
      RecordWriter writer(out);
      sink_->writer_ = &writer;
      sink_->emitted_ = 0;
      s = map_telegram_page(body_, ctx);
      sink_->writer_ = nullptr;
    }
    if (s.ok()) s = account(ctx, "a t.me/s/<channel> HTML page");
    if (!s.ok()) return fail(line, s.error(), out);
    return {};
  }

  Mapping map;
  if (collector) {
    std::string_view tool = prov_.format;
    if (tool == "yt-dlp")
      map = map_ytdlp;
    else if (tool == "gallery-dl")
      map = map_gallery_dl;
  } else if (platform_ == "youtube") {
    map = map_youtube;
  } else if (platform_ == "x") {
    map = map_x;
  } else if (platform_ == "facebook") {
    map = map_facebook;
  } else if (platform_ == "instagram") {
    map = map_instagram;
  } else if (platform_ == "tiktok") {
    map = map_tiktok;
  } else if (platform_ == "mastodon") {
    map = map_mastodon;
  } else if (platform_ == "bluesky") {
    map = map_bluesky;
  }
  if (!map) {
    return fail(line,
                Error::unsupported("no mapping for raw records of " + platform_ +
                                   (collector ? " from " + adapter_ : " " + endpoint_)),
                out);
  }

  // A collector's body may hold several JSON documents, one per line (yt-dlp -j on a channel).
  std::string_view rest(body_);
  size_t parts = 0;
  while (!rest.empty()) {
    size_t nl = collector ? rest.find('\n') : std::string_view::npos;
    std::string_view part = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    size_t first = part.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) continue;
    ++parts;
    if (part[first] != '{' && part[first] != '[') {
      return fail(line, Error::invalid("raw body is not valid JSON: not an object or array"), out);
    }
    // The part lies inside body_, whose padding is readable behind its end.
    const size_t capacity = body_.capacity() - static_cast<size_t>(part.data() - body_.data());
    const simdjson::padded_string_view json(part.data(), part.size(), capacity);
    od::document doc;
    if (auto e = prepare(map, json, &doc)) {
      return fail(line, Error::invalid("raw body is not valid JSON: " + json_error_message(e)),
                  out);
    }
    Status s = run_mapping(map, &doc, out);
    if (!s.ok()) return fail(line, s.error(), out);
  }
  if (parts == 0 && !collector) return fail(line, Error::invalid("raw body is empty"), out);
  return {};
}

Status RecordNormalizer::normalize_document(std::string_view document, InputFormat format,
                                            std::string_view input, std::string* out) {
  ++stats_.lines;
  warning_.clear();
  platform_.clear();
  prov_.clear();
  prov_.input = input;
  prov_.line = 1;
  Line line;
  line.input = input;
  line.number = 1;
  body_.clear();
  if (append_repaired_utf8(document, &body_) > 0) prov_.utf8_repaired = true;
  body_.reserve(body_.size() + simdjson::SIMDJSON_PADDING);
  line.text = body_;
  line.capacity = body_.capacity();
  const simdjson::padded_string_view json(body_.data(), body_.size(), body_.capacity());
  const Mapping map = mapping_of(format);
  od::document doc;
  if (auto e = prepare(map, json, &doc)) {
    return fail(line, Error::invalid("invalid JSON: " + json_error_message(e)), out);
  }
  prov_.format.assign(source_format_of(format));
  prov_.raw_sha256 = sha256_hex(document);
  endpoint_.clear();
  const size_t before = out->size();
  Status s;
  try {
    s = run_mapping(map, &doc, out);
  } catch (const simdjson::simdjson_error& e) {
    return fail_after_throw(line, "invalid JSON: " + json_error_message(e.error()), before, out);
  } catch (const std::exception& e) {
    return fail_after_throw(line, std::string("internal error reading this document: ") + e.what(),
                            before, out);
  }
  if (!s.ok()) return fail(line, s.error(), out);
  return {};
}

std::string summary_of(const NormalizeStats& st) {
  std::string s = "lines " + std::to_string(st.lines) + ", posts " + std::to_string(st.posts);
  if (!st.formats.empty()) {
    s += " (";
    for (size_t i = 0; i < st.formats.size(); ++i) {
      const FormatStats& f = st.formats[i];
      if (i > 0) s += "; ";
      auto n = [](uint64_t v, const char* one, const char* many) {
        return std::to_string(v) + (v == 1 ? one : many);
      };
      s += f.format + ": " + n(f.documents, " document, ", " documents, ") +
           n(f.items, " item, ", " items, ") + n(f.posts, " post", " posts");
    }
    s += ")";
  }
  if (st.items_without_post > 0) {
    s += ", items without a post " + std::to_string(st.items_without_post);
  }
  s += ", passed through " + std::to_string(st.passed_through);
  if (st.duplicates > 0) s += ", duplicates dropped " + std::to_string(st.duplicates);
  s += ", failed " + std::to_string(st.failed);
  if (st.fetch_errors > 0) s += ", failed requests " + std::to_string(st.fetch_errors);
  return s;
}

}  // namespace pantau::normalize
