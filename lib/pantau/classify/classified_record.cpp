#include "pantau/classify/classified_record.h"

#include <charconv>
#include <cmath>

#include "pantau/classify/labels.h"
#include "pantau/json_writer.h"
#include "pantau/record.h"
#include "pantau/time.h"

namespace pantau::classify {

using namespace std::string_view_literals;  // append("..."sv): no strlen per call

// One pass over the fields instead of one lookup per key (each lookup compared every key of
// a ~20-member record).
void collect_post_fields(const simdjson::dom::object& obj, PostFields* f) {
  auto take = [](const simdjson::dom::element& v, bool* has, simdjson::dom::element* slot) {
    if (*has) return;
    *has = true;
    *slot = v;
  };
  for (auto field : obj) {
    const std::string_view k = field.key;
    if (k == "kind")
      take(field.value, &f->has_kind, &f->kind);
    else if (k == "text")
      take(field.value, &f->has_text, &f->text);
    else if (k == "title")
      take(field.value, &f->has_title, &f->title);
    else if (k == "created_at")
      take(field.value, &f->has_created_at, &f->created_at);
    else if (k == "created_at_precision")
      take(field.value, &f->has_created_at_precision, &f->created_at_precision);
    else if (k == "account")
      take(field.value, &f->has_account, &f->account);
    else if (k == "labels" || k == "classifier")
      f->has_old = true;
  }
}

PostRead read_post_fields(const PostFields& pf, PostContext* ctx) {
  *ctx = PostContext{};
  PostRead r;
  auto problem = [&r](PostProblem what, std::string message) {
    r.problem = what;
    r.status = Error::invalid(std::move(message));
  };
  if (pf.has_text && !pf.text.is_null()) {
    if (pf.text.get_string().get(ctx->text)) {
      problem(PostProblem::kText, "\"text\" is not a string");
      return r;
    }
  }
  if (pf.has_title && !pf.title.is_null() && pf.title.get_string().get(ctx->title)) {
    problem(PostProblem::kTitle, "\"title\" is not a string");
  }
  if (pf.has_created_at && !pf.created_at.is_null()) {
    std::string_view s;
    if (pf.created_at.get_string().get(s)) {
      problem(PostProblem::kCreatedAt, "\"created_at\" is not a string");
    } else if (auto t = parse_datetime(s)) {
      ctx->has_time = true;
      ctx->created_at = *t;
      // Only "day" is defined (records(5)); any other value is a full time.
      std::string_view precision;
      ctx->day_only = pf.has_created_at_precision &&
                      !pf.created_at_precision.get_string().get(precision) && precision == "day";
    } else {
      problem(PostProblem::kCreatedAt, "\"created_at\": " + t.error().message);
    }
  }
  simdjson::dom::object acc;
  if (pf.has_account && !pf.account.get_object().get(acc)) {
    ctx->has_account = true;
    constexpr std::array<std::string_view, 6> kKeys = {"role",      "owner",    "party",
                                                       "ballot_no", "election", "region"};
    std::array<std::string_view*, 6> slots = {&ctx->role,      &ctx->owner,    &ctx->party,
                                              &ctx->ballot_no, &ctx->election, &ctx->region};
    std::array<simdjson::dom::element, 6> values;
    std::array<bool, 6> seen{};
    for (auto field : acc) {
      for (size_t i = 0; i < kKeys.size(); ++i) {
        if (!seen[i] && field.key == kKeys[i]) {
          seen[i] = true;
          values[i] = field.value;
          break;
        }
      }
    }
    for (size_t i = 0; i < kKeys.size(); ++i) {
      if (!seen[i] || values[i].is_null()) continue;
      std::string_view s;
      if (!values[i].get_string().get(s)) {
        *slots[i] = s;
      } else if (r.problem == PostProblem::kNone) {
        problem(PostProblem::kAccount, "\"account." + std::string(kKeys[i]) + "\" is not a string");
      }
    }
  }
  return r;
}

namespace {

// Rule ids are checked to be [a-z0-9_.-] at load time (and ours are too): no escaping needed.
void append_id(std::string_view id, std::string* out) {
  out->push_back('"');
  out->append(id);
  out->push_back('"');
}

void append_int(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// True when `s` neither starts nor ends inside a UTF-8 sequence (for a slice of valid UTF-8:
// the slice is valid).
bool whole_code_points(std::string_view s) {
  if (s.empty()) return true;
  if ((static_cast<unsigned char>(s[0]) & 0xC0) == 0x80) return false;
  size_t i = s.size() - 1, cont = 0;
  while (cont < 3 && i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
    --i;
    ++cont;
  }
  const auto lead = static_cast<unsigned char>(s[i]);
  const size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  return len == cont + 1;
}

// A score or similarity: a multiple of 0.01 in [0, 1] (round2) is written as std::to_chars
// writes it (the shortest form that reads back: "0.6", "0.65", "1"), without to_chars' general
// shortest-form search; anything else goes through to_chars.
void append_score(double x, std::string* out) {
  const double cents = std::round(x * 100.0);
  if (x >= 0 && x <= 1 && cents / 100.0 == x) {
    const int c = static_cast<int>(cents);
    if (c == 100) {
      out->push_back('1');
    } else if (c == 0) {
      out->push_back('0');
    } else {
      out->append("0."sv);
      out->push_back(static_cast<char>('0' + c / 10));
      if (c % 10) out->push_back(static_cast<char>('0' + c % 10));
    }
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, x);
  out->append(buf, r.ptr);
}

void append_string_or_null(std::string_view s, std::string* out) {
  if (s.empty())
    out->append("null"sv);
  else
    append_json_string(s, out);
}

}  // namespace

ClassifiedWriter::ClassifiedWriter(const RulePack& pack) : pack_(pack) {
  for (const auto& info : pack.labels) {
    std::array<std::string, 3> j;
    append_json_string(info.name_id, &j[0]);
    append_json_string(info.name_en, &j[1]);
    if (info.basis.empty())
      j[2] = "null";
    else
      append_json_string(info.basis, &j[2]);
    label_json_.push_back(std::move(j));
  }
  set_model_name(nullptr);
}

void ClassifiedWriter::set_model_name(const std::string* model) {
  std::string& j = classifier_json_;
  j.assign("],\"classifier\":{\"pack\":");
  append_json_string(pack_.name, &j);
  j.append(",\"version\":"sv);
  append_json_string(pack_.version, &j);
  j.append(",\"model\":"sv);
  if (model)
    append_json_string(*model, &j);
  else
    j.append("null"sv);
  j.append(",\"election\":"sv);
}

void ClassifiedWriter::append_members(const Classification& c, bool valid_utf8,
                                      std::string* out) const {
  // Strings that come from a record simdjson validated (and substrings of them at code point
  // boundaries) skip append_json_string's UTF-8 check.
  auto str = [valid_utf8](std::string_view s, std::string* o) {
    if (valid_utf8)
      append_json_string_valid(s, o);
    else
      append_json_string(s, o);
  };
  auto str_or_null = [&](std::string_view s, std::string* o) {
    if (s.empty())
      o->append("null"sv);
    else
      str(s, o);
  };
  out->append("\"labels\":["sv);
  bool first_label = true;
  for (const auto& lo : c.labels) {
    if (!first_label) out->push_back(',');
    first_label = false;
    const auto& fixed = label_json_[lo.label];
    out->append("{\"label\":"sv);
    append_id(kLabelIds[lo.label], out);
    out->append(",\"score\":"sv);
    append_score(lo.score, out);
    out->append(",\"name_id\":"sv);
    out->append(fixed[0]);
    out->append(",\"name_en\":"sv);
    out->append(fixed[1]);
    out->append(",\"basis\":"sv);
    out->append(fixed[2]);
    out->append(",\"rules\":["sv);
    for (size_t i = 0; i < lo.rules.size(); ++i) {
      if (i) out->push_back(',');
      append_id(lo.rules[i], out);
    }
    out->append("],\"evidence\":["sv);
    for (size_t i = 0; i < lo.evidence.size(); ++i) {
      const EvidenceOut& e = lo.evidence[i];
      if (i) out->push_back(',');
      out->append("{\"rule\":"sv);
      append_id(e.rule, out);
      if (!e.field.empty()) {
        out->append(",\"field\":"sv);
        append_id(e.field, out);
      }
      if (e.start >= 0) {
        out->append(",\"start\":"sv);
        append_int(e.start, out);
        out->append(",\"end\":"sv);
        append_int(e.end, out);
        out->append(",\"text\":"sv);
        // A slice of the validated text is valid when it starts and ends on a code point
        // boundary (it does: the offset map works in whole code points); checked anyway.
        if (whole_code_points(e.text))
          str(e.text, out);
        else
          append_json_string(e.text, out);
      }
      if (!e.note.empty()) {
        out->append(",\"note\":"sv);
        str(e.note, out);
      }
      if (!e.claim_id.empty()) {
        out->append(",\"claim_id\":"sv);
        append_json_string(e.claim_id, out);
        out->append(",\"claim_url\":"sv);
        append_string_or_null(e.claim_url, out);
        out->append(",\"similarity\":"sv);
        append_score(e.similarity, out);
      }
      out->push_back('}');
    }
    out->append("],\"targets\":["sv);
    for (size_t i = 0; i < lo.targets.size(); ++i) {
      const TargetOut& t = lo.targets[i];
      if (i) out->push_back(',');
      out->append("{\"type\":"sv);
      str(t.type, out);
      out->append(",\"name\":"sv);
      str_or_null(t.name, out);
      out->append(",\"ballot_no\":"sv);
      str_or_null(t.ballot_no, out);
      out->append(",\"party\":"sv);
      str_or_null(t.party, out);
      out->push_back('}');
    }
    out->append("]}"sv);
  }
  out->append(classifier_json_);
  str_or_null(c.election, out);  // a calendar id from the pack
  out->push_back('}');
}

void append_reclassified(const simdjson::dom::object& obj, bool utf8_repaired,
                         std::string_view members, std::string* scratch, std::string* out) {
  std::string& rebuilt = *scratch;
  rebuilt.clear();
  rebuilt.push_back('{');
  bool first = true;
  for (auto field : obj) {
    if (field.key == "labels" || field.key == "classifier") continue;
    if (field.key == kUtf8RepairedField && utf8_repaired) continue;
    if (!first) rebuilt.push_back(',');
    first = false;
    append_json_string(field.key, &rebuilt);
    rebuilt.push_back(':');
    rebuilt.append(simdjson::minify(field.value));
  }
  rebuilt.push_back('}');
  append_with_members(rebuilt, members, out);
}

}  // namespace pantau::classify
