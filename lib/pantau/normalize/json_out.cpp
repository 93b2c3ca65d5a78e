#include "pantau/normalize/json_out.h"

#include "pantau/json_writer.h"

#include <cstdint>
#include <cstring>

namespace pantau::normalize {
namespace {

void append_2(int v, char* p) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

void append_json_quoted_or_null(std::string_view s, std::string* out) {
  if (s.empty()) {
    out->append("null");
  } else {
    append_json_string_valid(s, out);
  }
}

void append_uint(uint64_t v, std::string* out) {
  char buf[24];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out->append(p, static_cast<size_t>(buf + sizeof buf - p));
}

void append_json_time(EpochMillis t, std::string* out) {
  const CivilTime c = civil_from_millis(t);
  if (c.year < 0 || c.year > 9999) {
    out->push_back('"');
    out->append(format_rfc3339(t));
    out->push_back('"');
    return;
  }
  char b[32] = {'"'};
  append_2(c.year / 100, b + 1);
  append_2(c.year % 100, b + 3);
  b[5] = '-';
  append_2(c.month, b + 6);
  b[8] = '-';
  append_2(c.day, b + 9);
  b[11] = 'T';
  append_2(c.hour, b + 12);
  b[14] = ':';
  append_2(c.minute, b + 15);
  b[17] = ':';
  append_2(c.second, b + 18);
  size_t n = 20;
  if (c.millis != 0) {
    b[n++] = '.';
    b[n++] = static_cast<char>('0' + c.millis / 100);
    append_2(c.millis % 100, b + n);
    n += 2;
  }
  b[n++] = 'Z';
  b[n++] = '"';
  out->append(b, n);
}

}  // namespace pantau::normalize
