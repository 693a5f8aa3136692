// sim/keys.cpp: one table of key names. Agents spell keys the way their framework does -
// xdotool (Anthropic's computer tool: "ctrl+Return", "Page_Down"), DOM/Playwright
// (BrowserGym, OpenAI's samples: "Control+ArrowLeft"), pyautogui (OSWorld: "pgdn", "win") -
// and every spelling of a key means the same key, named here the DOM way.
#include <algorithm>
#include <cctype>

#include "sim.h"

namespace facsim::sim {
namespace {

// Spellings (lower case, '_' and '-' removed) -> the DOM name.
struct Alias {
  const char* spelled;
  const char* key;
};
constexpr Alias kNamed[] = {
    {"enter", "Enter"},       {"return", "Enter"},       {"kpenter", "Enter"},
    {"ret", "Enter"},         {"backspace", "Backspace"}, {"bksp", "Backspace"},
    {"escape", "Escape"},     {"esc", "Escape"},         {"tab", "Tab"},
    {"delete", "Delete"},     {"del", "Delete"},         {"kpdelete", "Delete"},
    {"arrowleft", "ArrowLeft"}, {"left", "ArrowLeft"},   {"kpleft", "ArrowLeft"},
    {"arrowright", "ArrowRight"}, {"right", "ArrowRight"}, {"kpright", "ArrowRight"},
    {"arrowup", "ArrowUp"},   {"up", "ArrowUp"},         {"kpup", "ArrowUp"},
    {"arrowdown", "ArrowDown"}, {"down", "ArrowDown"},   {"kpdown", "ArrowDown"},
    {"home", "Home"},         {"kphome", "Home"},        {"end", "End"},
    {"kpend", "End"},         {"pageup", "PageUp"},      {"pgup", "PageUp"},
    {"prior", "PageUp"},      {"kpprior", "PageUp"},     {"pagedown", "PageDown"},
    {"pgdn", "PageDown"},     {"next", "PageDown"},      {"kpnext", "PageDown"},
    {"space", "Space"},       {"spacebar", "Space"},     {"kpspace", "Space"},
    {"insert", "Insert"},     {"ins", "Insert"},         {"capslock", "CapsLock"},
    {"numlock", "NumLock"},   {"scrolllock", "ScrollLock"}, {"pause", "Pause"},
    {"printscreen", "PrintScreen"}, {"print", "PrintScreen"}, {"prtsc", "PrintScreen"},
    {"contextmenu", "ContextMenu"}, {"menu", "ContextMenu"}, {"apps", "ContextMenu"},
    // Modifiers pressed alone.
    {"shift", "Shift"},       {"shiftleft", "Shift"},    {"shiftright", "Shift"},
    {"shiftl", "Shift"},      {"shiftr", "Shift"},       {"control", "Control"},
    {"ctrl", "Control"},      {"controlleft", "Control"}, {"controlright", "Control"},
    {"controll", "Control"},  {"controlr", "Control"},   {"ctrlleft", "Control"},
    {"ctrlright", "Control"}, {"alt", "Alt"},            {"altleft", "Alt"},
    {"altright", "Alt"},      {"altl", "Alt"},           {"altr", "Alt"},
    {"option", "Alt"},        {"meta", "Meta"},          {"metaleft", "Meta"},
    {"metaright", "Meta"},    {"metal", "Meta"},         {"metar", "Meta"},
    {"super", "Meta"},        {"superl", "Meta"},        {"superr", "Meta"},
    {"win", "Meta"},          {"winleft", "Meta"},       {"winright", "Meta"},
    {"windows", "Meta"},      {"cmd", "Meta"},           {"command", "Meta"},
    {"os", "Meta"},
    // xdotool's names of punctuation (keysyms).
    {"minus", "-"},           {"equal", "="},            {"plus", "+"},
    {"comma", ","},           {"period", "."},           {"slash", "/"},
    {"backslash", "\\"},      {"semicolon", ";"},        {"colon", ":"},
    {"apostrophe", "'"},      {"quotedbl", "\""},        {"grave", "`"},
    {"asciitilde", "~"},      {"bracketleft", "["},      {"bracketright", "]"},
    {"braceleft", "{"},       {"braceright", "}"},       {"parenleft", "("},
    {"parenright", ")"},      {"exclam", "!"},           {"at", "@"},
    {"numbersign", "#"},      {"dollar", "$"},           {"percent", "%"},
    {"asciicircum", "^"},     {"ampersand", "&"},        {"asterisk", "*"},
    {"underscore", "_"},      {"less", "<"},             {"greater", ">"},
    {"question", "?"},        {"bar", "|"},              {"kpadd", "+"},
    {"kpsubtract", "-"},      {"kpmultiply", "*"},       {"kpdivide", "/"},
    {"kpdecimal", "."},       {"add", "+"},              {"subtract", "-"},
    {"multiply", "*"},        {"divide", "/"},           {"decimal", "."},
};

struct Mod {
  const char* spelled;
  int bit;
};
constexpr Mod kMods[] = {{"shift", kShift},   {"shiftl", kShift},  {"shiftr", kShift},
                         {"control", kCtrl},  {"ctrl", kCtrl},     {"controll", kCtrl},
                         {"controlr", kCtrl}, {"ctrll", kCtrl},    {"ctrlr", kCtrl},
                         {"alt", kAlt},       {"altl", kAlt},      {"altr", kAlt},
                         {"option", kAlt},    {"opt", kAlt},       {"meta", kMeta},
                         {"metal", kMeta},    {"metar", kMeta},    {"super", kMeta},
                         {"superl", kMeta},   {"superr", kMeta},   {"win", kMeta},
                         {"windows", kMeta},  {"cmd", kMeta},      {"command", kMeta}};

std::string squash(std::string_view s) {  // lower case, without '_' and '-'
  std::string out;
  for (char c : s)
    if (c != '_' && c != '-') out += char(std::tolower(uint8_t(c)));
  return out;
}

int mod_bit(std::string_view part) {
  const std::string k = squash(part);
  for (const Mod& m : kMods)
    if (k == m.spelled) return m.bit;
  return 0;
}

// One key (no modifiers): its DOM name, or "" when unknown.
std::string one_key(std::string_view k) {
  if (k.empty()) return "";
  // A single code point is itself ("a", "Z", "/", "é"); a space is Space.
  size_t i = 1;
  while (i < k.size() && (uint8_t(k[i]) & 0xC0) == 0x80) ++i;
  if (i == k.size()) {
    if (k == " ") return "Space";
    if (uint8_t(k[0]) < 0x20 || k[0] == 0x7f) return k == "\n" || k == "\r" ? "Enter" : k == "\t" ? "Tab" : "";
    return std::string(k);
  }
  const std::string s = squash(k);
  for (const Alias& a : kNamed)
    if (s == a.spelled) return a.key;
  // F1-F24; keypad digits (KP_0, kp0, numpad0).
  if (s.size() >= 2 && s[0] == 'f' && std::all_of(s.begin() + 1, s.end(), ::isdigit)) {
    const int n = std::atoi(s.c_str() + 1);
    if (n >= 1 && n <= 24) return "F" + std::to_string(n);
  }
  for (const char* pre : {"kp", "numpad"}) {
    const std::string p(pre);
    if (s.size() == p.size() + 1 && s.compare(0, p.size(), p) == 0 && std::isdigit(uint8_t(s.back())))
      return std::string(1, s.back());
  }
  return "";
}

}  // namespace

Result<int> parse_mods(std::string_view mods) {
  int bits = 0;
  for (size_t p = 0; p < mods.size();) {
    const size_t q = std::min(mods.find('+', p), mods.size());
    const std::string_view part = mods.substr(p, q - p);
    if (!part.empty()) {
      const int b = mod_bit(part);
      if (!b)
        return Error{Errc::invalid_argument, "unknown modifier '" + std::string(part) +
                                                 "' (shift, ctrl, alt, meta and their aliases)"};
      bits |= b;
    }
    p = q + 1;
  }
  return bits;
}

Result<std::string> normalize_key(std::string_view key) {
  if (key.empty()) return Error{Errc::invalid_argument, "empty key name"};
  if (key.size() > 64) return Error{Errc::invalid_argument, "key name too long"};
  // Modifiers before the last '+' ("ctrl+shift+a"; a '+' key itself: "ctrl++", "+").
  int mods = 0;
  std::string_view rest = key;
  for (size_t plus; rest.size() > 1 && (plus = rest.find('+')) != std::string_view::npos &&
                    plus + 1 < rest.size();) {
    const std::string_view part = rest.substr(0, plus);
    const int b = mod_bit(part);
    if (!b)
      return Error{Errc::invalid_argument, "unknown modifier '" + std::string(part) + "' in key '" +
                                               std::string(key) + "'"};
    mods |= b;
    rest = rest.substr(plus + 1);
  }
  std::string k = one_key(rest);
  if (k.empty())
    return Error{Errc::invalid_argument,
                 "unknown key '" + std::string(rest) + "'" +
                     (rest == key ? "" : " in '" + std::string(key) + "'") +
                     " (names as in DOM, xdotool or pyautogui: Enter/Return, ArrowLeft/Left, "
                     "PageDown/Page_Down/pgdn, F1-F12, a single character...)"};
  // A modifier pressed with others is one of them ("ctrl+shift" = Control+Shift).
  if (k == "Shift" || k == "Control" || k == "Alt" || k == "Meta") {
    const int b = mod_bit(k);
    if (mods & b) mods &= ~b;
  }
  // A lone ASCII letter with modifiers is lower case ("ctrl+A" is Control+a, as xdotool means
  // it); upper case alone is the capital.
  if (mods && k.size() == 1 && k[0] >= 'A' && k[0] <= 'Z') k[0] = char(k[0] - 'A' + 'a');
  std::string out;
  for (auto [bit, name] : {std::pair{kCtrl, "Control"}, {kAlt, "Alt"}, {kShift, "Shift"},
                           {kMeta, "Meta"}})
    if (mods & bit) out += std::string(name) + "+";
  return out + k;
}

}  // namespace facsim::sim
