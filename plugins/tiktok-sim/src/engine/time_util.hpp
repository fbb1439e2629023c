// Calendar fields of a Unix time in UTC, without the C library's time zone state.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace kingkung::sim::detail {

struct utc_fields {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

inline utc_fields to_utc(std::int64_t unix_seconds) {
  std::int64_t days = unix_seconds / 86400;
  std::int64_t rem = unix_seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  // Howard Hinnant's civil_from_days.
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  std::int64_t doe = days - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  utc_fields f;
  f.year = static_cast<int>(y + (m <= 2 ? 1 : 0));
  f.month = static_cast<int>(m);
  f.day = static_cast<int>(d);
  f.hour = static_cast<int>(rem / 3600);
  f.minute = static_cast<int>(rem % 3600 / 60);
  f.second = static_cast<int>(rem % 60);
  return f;
}

// "YYYYMMDDhhmmss".
inline std::string utc_compact(std::int64_t unix_seconds) {
  utc_fields f = to_utc(unix_seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", f.year, f.month, f.day, f.hour, f.minute,
                f.second);
  return buf;
}

}  // namespace kingkung::sim::detail
