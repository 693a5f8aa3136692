#include "calendar.h"

#include <cstdio>

namespace facsim {

int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil civil_from_days(int64_t days) {
  const int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  Civil c;
  c.d = int(doy - (153 * mp + 2) / 5 + 1);
  c.m = int(mp < 10 ? mp + 3 : mp - 9);
  c.y = int(yoe + era * 400 + (c.m <= 2));
  c.wday = int(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  return c;
}

int weekday(int y, int m, int d) { return civil_from_days(days_from_civil(y, m, d)).wday; }

Civil civil_from_ms(int64_t ms) {
  int64_t secs = ms / 1000, days = secs / 86400, rem = secs % 86400;
  if (ms % 1000 < 0) --secs, rem = secs % 86400, days = secs / 86400;
  if (rem < 0) rem += 86400, --days;
  Civil c = civil_from_days(days);
  c.hour = int(rem / 3600);
  c.min = int(rem % 3600 / 60);
  c.sec = int(rem % 60);
  return c;
}

int64_t ms_from_civil(const Civil& c) {
  return ((days_from_civil(c.y, c.m, c.d) * 24 + c.hour) * 60 + c.min) * 60000 +
         int64_t(c.sec) * 1000;
}

std::string format_clock(const Civil& c) {
  char b[16];
  const int h = c.hour % 12 == 0 ? 12 : c.hour % 12;
  std::snprintf(b, sizeof b, "%d:%02d %s", h, c.min, c.hour < 12 ? "AM" : "PM");
  return b;
}

std::string format_time_short(int64_t ms, int64_t now_ms) {
  const Civil c = civil_from_ms(ms), n = civil_from_ms(now_ms);
  char b[24];
  if (c.y == n.y && c.m == n.m && c.d == n.d) return format_clock(c);
  if (c.y == n.y) std::snprintf(b, sizeof b, "%s %d", kMonthShort[c.m - 1], c.d);
  else std::snprintf(b, sizeof b, "%d/%d/%02d", c.m, c.d, c.y % 100);
  return b;
}

std::string format_time_long(int64_t ms) {
  const Civil c = civil_from_ms(ms);
  char b[48];
  std::snprintf(b, sizeof b, "%s, %s %d, %d, %s", kWeekdayShort[c.wday], kMonthShort[c.m - 1],
                c.d, c.y, format_clock(c).c_str());
  return b;
}

std::string format_date_iso(int64_t ms) {
  const Civil c = civil_from_ms(ms);
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", c.y, c.m, c.d);
  return b;
}

std::string format_date_long(int y, int m, int d) {
  return std::string(kMonthLong[m - 1]) + " " + std::to_string(d) + ", " + std::to_string(y);
}

int tz_offset_minutes(std::string_view tz, int64_t utc_ms) {
  struct Zone {
    std::string_view name;
    int standard;  // minutes east of UTC
    bool us;       // US rules; else EU rules
  };
  static constexpr Zone kZones[] = {{"America/New_York", -300, true},
                                    {"America/Chicago", -360, true},
                                    {"America/Denver", -420, true},
                                    {"America/Los_Angeles", -480, true},
                                    {"Europe/London", 0, false},
                                    {"Europe/Berlin", 60, false}};
  const Zone* z = nullptr;
  for (const Zone& k : kZones)
    if (k.name == tz) z = &k;
  if (!z) return 0;
  const int y = civil_from_ms(utc_ms).y;
  // The n-th (n > 0) or last (n = 0) Sunday of month m.
  auto sunday = [&](int m, int n) {
    if (n > 0) {
      const int first = weekday(y, m, 1);
      return 1 + (7 - first) % 7 + 7 * (n - 1);
    }
    const int last = days_in_month(y, m);
    return last - weekday(y, m, last);
  };
  constexpr int64_t kHour = 3600000;
  int64_t start, end;  // UTC instants
  if (z->us) {
    start = days_from_civil(y, 3, sunday(3, 2)) * 86400000 + 2 * kHour - int64_t(z->standard) * 60000;
    end = days_from_civil(y, 11, sunday(11, 1)) * 86400000 + 2 * kHour -
          int64_t(z->standard + 60) * 60000;
  } else {
    start = days_from_civil(y, 3, sunday(3, 0)) * 86400000 + kHour;
    end = days_from_civil(y, 10, sunday(10, 0)) * 86400000 + kHour;
  }
  return z->standard + (utc_ms >= start && utc_ms < end ? 60 : 0);
}

}  // namespace facsim
