#include "pantau/report/region_zone.h"

namespace pantau::report {

std::optional<int> utc_offset_of_region(std::string_view region) {
  // Province codes (Kemendagri / idn-area-data 4.0.1): 11-21 Sumatra, 31-36 Java, 51-53 Bali and
  // Nusa Tenggara, 61-65 Kalimantan, 71-76 Sulawesi, 81-82 Maluku, 91-96 Papua.
  if (region.size() < 2 || (region.size() > 2 && region[2] != '.')) return std::nullopt;
  const char a = region[0];
  const char b = region[1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
  const int code = (a - '0') * 10 + (b - '0');
  constexpr int kWib = 7 * 3600, kWita = 8 * 3600, kWit = 9 * 3600;
  if ((code >= 11 && code <= 19) || code == 21) return kWib;
  if (code >= 31 && code <= 36) return kWib;
  if (code >= 51 && code <= 53) return kWita;
  if (code == 61 || code == 62) return kWib;  // West and Central Kalimantan
  if (code >= 63 && code <= 65) return kWita;
  if (code >= 71 && code <= 76) return kWita;
  if (code == 81 || code == 82) return kWit;
  if (code >= 91 && code <= 96) return kWit;
  return std::nullopt;
}

std::string_view zone_abbreviation(int offset_seconds) {
  switch (offset_seconds) {
    case 0:
      return "UTC";
    case 7 * 3600:
      return "WIB";
    case 8 * 3600:
      return "WITA";
    case 9 * 3600:
      return "WIT";
    default:
      return "";
  }
}

std::string format_utc_offset(int offset_seconds) {
  std::string s(1, offset_seconds < 0 ? '-' : '+');
  int v = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  const int h = v / 3600;
  const int m = (v % 3600) / 60;
  s += static_cast<char>('0' + h / 10 % 10);
  s += static_cast<char>('0' + h % 10);
  s += ':';
  s += static_cast<char>('0' + m / 10);
  s += static_cast<char>('0' + m % 10);
  return s;
}

}  // namespace pantau::report
