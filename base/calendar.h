// calendar: the one date module (proleptic Gregorian, UTC, integer arithmetic only). Apps,
// widgets and task templates share it: month and weekday names, days in a month, weekdays,
// Unix milliseconds <-> civil date and time, and the display formats of the virtual clock.
//
// How to use:
//   Civil c = civil_from_ms(w.now_ms());            // {2026, 3, 2, weekday 1, 9, 0}
//   int64_t ms = ms_from_civil({.y = 2026, .m = 4, .d = 1, .hour = 9});
//   kMonthLong[c.m - 1], kWeekdayShort[c.wday], days_in_month(2028, 2) == 29
//   format_time_short(ms, now) -> "9:41 AM" | "Mar 1" | "3/1/25";  format_date_iso(ms) -> "2026-03-02"
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace facsim {

inline constexpr const char* kMonthShort[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
inline constexpr const char* kMonthLong[12] = {"January", "February", "March",     "April",
                                               "May",     "June",     "July",      "August",
                                               "September", "October", "November", "December"};
inline constexpr const char* kWeekdayShort[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr const char* kWeekdayLong[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                "Thursday", "Friday", "Saturday"};

struct Civil {
  int y = 1970, m = 1, d = 1;  // month 1..12, day 1..31
  int wday = 4;                // 0 = Sunday (filled by civil_from_ms; ignored by ms_from_civil)
  int hour = 0, min = 0, sec = 0;
};

constexpr bool is_leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
constexpr int days_in_month(int y, int m) {
  constexpr int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : d[m - 1];
}
// Days since 1970-01-01 <-> date (H. Hinnant's algorithms).
int64_t days_from_civil(int y, int m, int d);
Civil civil_from_days(int64_t days);
int weekday(int y, int m, int d);              // 0 = Sunday
Civil civil_from_ms(int64_t unix_ms);
int64_t ms_from_civil(const Civil& c);

std::string format_clock(const Civil& c);                   // "9:41 AM"
std::string format_time_short(int64_t ms, int64_t now_ms);  // "9:41 AM", "Mar 1", "3/1/25"
std::string format_time_long(int64_t ms);                   // "Mon, Mar 2, 2026, 9:41 AM"
std::string format_date_iso(int64_t ms);                    // "2026-03-02"
std::string format_date_long(int y, int m, int d);          // "March 2, 2026"
// Minutes east of UTC in time zone `tz` at `utc_ms`, with daylight saving as the US (second
// Sunday of March to first Sunday of November, 2 AM local) and the EU (last Sunday of March to
// last Sunday of October, 1 AM UTC) keep it. The world's zones: America/New_York, /Chicago,
// /Denver, /Los_Angeles, Europe/London, /Berlin; "UTC" and any other name: 0.
int tz_offset_minutes(std::string_view tz, int64_t utc_ms);

}  // namespace facsim
