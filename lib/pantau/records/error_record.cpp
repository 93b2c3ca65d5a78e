#include "pantau/records/error_record.h"

#include "pantau/json_writer.h"
#include "pantau/records/json_members.h"

namespace pantau::records {

void append_error_record(const ErrorRecordOut& e, std::string* out) {
  JsonWriter w(out);
  w.begin_object();
  w.field("kind", "error");
  w.field("tool", e.tool);
  w.field("stage", e.stage);
  w.key("time");
  if (e.time) {
    w.string(format_rfc3339(*e.time));
  } else {
    w.null();
  }
  w.key("account");
  if (e.account != nullptr) {
    write_account(w, *e.account, AccountForm::kRecord);
  } else if (!e.account_json.empty()) {
    w.raw(e.account_json);
  } else {
    w.null();
  }
  w.field_or_null("platform", e.platform);
  w.key("http_status");
  if (e.http_status) {
    w.number(*e.http_status);
  } else {
    w.null();
  }
  w.field("message", e.message);
  w.field("retryable", e.retryable);
  w.key("attempts");
  if (e.attempts) {
    w.number(*e.attempts);
  } else {
    w.null();
  }
  w.key("input");
  if (e.input) {
    w.string(*e.input);
  } else {
    w.null();
  }
  w.key("line");
  if (e.line) {
    w.number(*e.line);
  } else {
    w.null();
  }
  w.end_object();
}

Status parse_error_record(simdjson::dom::object rec, ErrorRecord* out) {
  using namespace json;
  simdjson::dom::object o;
  TRY(read_object(rec, "account", &o, &out->has_account));
  if (out->has_account) TRY(within("account", parse_account(o, &out->account)));
  TRY(read_string(rec, "platform", &out->platform));
  TRY(read_string(rec, "tool", &out->tool));
  TRY(read_string(rec, "stage", &out->stage));
  TRY(read_string(rec, "message", &out->message));
  TRY(read_string(rec, "time", &out->time));
  TRY(read_int(rec, "http_status", &out->http_status));
  TRY(read_tristate(rec, "retryable", &out->retryable));
  TRY(read_int(rec, "attempts", &out->attempts));
  TRY(read_string(rec, "input", &out->input));
  TRY(read_int(rec, "line", &out->line));
  return {};
}

}  // namespace pantau::records
