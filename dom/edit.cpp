// TextEdit: the editing model behind every text field - caret motion by code point, word and
// line, selection, replace, delete. Pure: sim/input.cpp keeps value and selection in the world.
#include <algorithm>

#include "dom.h"

namespace facsim::dom {

namespace {
bool cont(char c) { return (uint8_t(c) & 0xC0) == 0x80; }
// Letters, digits, '_' and any non-ASCII code point form words (like a browser's default).
bool word_char(char c) {
  const uint8_t u = uint8_t(c);
  return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
         (u >= 'A' && u <= 'Z') || u == '_';
}
int prev_cp(const std::string& v, int i) {
  if (i <= 0) return 0;
  --i;
  while (i > 0 && cont(v[size_t(i)])) --i;
  return i;
}
int next_cp(const std::string& v, int i) {
  const int n = int(v.size());
  if (i >= n) return n;
  ++i;
  while (i < n && cont(v[size_t(i)])) ++i;
  return i;
}
int prev_word(const std::string& v, int i) {
  while (i > 0 && !word_char(v[size_t(prev_cp(v, i))])) i = prev_cp(v, i);
  while (i > 0 && word_char(v[size_t(prev_cp(v, i))])) i = prev_cp(v, i);
  return i;
}
int next_word(const std::string& v, int i) {
  const int n = int(v.size());
  while (i < n && !word_char(v[size_t(i)])) i = next_cp(v, i);
  while (i < n && word_char(v[size_t(i)])) i = next_cp(v, i);
  return i;
}
int line_start(const std::string& v, int i) {
  while (i > 0 && v[size_t(i - 1)] != '\n') --i;
  return i;
}
int line_end(const std::string& v, int i) {
  const int n = int(v.size());
  while (i < n && v[size_t(i)] != '\n') ++i;
  return i;
}
int columns(const std::string& v, int from, int to) {  // code points in [from, to)
  int c = 0;
  for (int i = from; i < to; i = next_cp(v, i)) ++c;
  return c;
}
int advance(const std::string& v, int from, int cols, int limit) {
  int i = from;
  while (cols-- > 0 && i < limit) i = next_cp(v, i);
  return i;
}
}  // namespace

std::string TextEdit::selected() const {
  return value.substr(size_t(sel_begin()), size_t(sel_end() - sel_begin()));
}

void TextEdit::clamp() {
  auto fix = [&](int& o) {
    o = std::clamp(o, 0, int(value.size()));
    while (o > 0 && o < int(value.size()) && cont(value[size_t(o)])) --o;
  };
  fix(anchor);
  fix(caret);
}

void TextEdit::replace_selection(std::string_view s) {
  std::string text(s);
  if (!multiline) std::replace(text.begin(), text.end(), '\n', ' ');
  const int b = sel_begin();
  value.replace(size_t(b), size_t(sel_end() - b), text);
  anchor = caret = b + int(text.size());
}

void TextEdit::backspace(bool word) {
  if (!has_selection()) anchor = word ? prev_word(value, caret) : prev_cp(value, caret);
  replace_selection({});
}

void TextEdit::del(bool word) {
  if (!has_selection()) anchor = word ? next_word(value, caret) : next_cp(value, caret);
  replace_selection({});
}

void TextEdit::move(Motion m, bool extend) {
  int c = caret;
  // Without shift, left/right first collapse a selection to its edge (as browsers do).
  if (!extend && has_selection() && (m == left || m == right)) {
    caret = anchor = m == left ? sel_begin() : sel_end();
    return;
  }
  switch (m) {
    case left: c = prev_cp(value, c); break;
    case right: c = next_cp(value, c); break;
    case word_left: c = prev_word(value, c); break;
    case word_right: c = next_word(value, c); break;
    case home: c = multiline ? line_start(value, c) : 0; break;
    case end: c = multiline ? line_end(value, c) : int(value.size()); break;
    case doc_start: c = 0; break;
    case doc_end: c = int(value.size()); break;
    case up:
    case down: {
      if (!multiline) {
        c = m == up ? 0 : int(value.size());
        break;
      }
      const int ls = line_start(value, c), col = columns(value, ls, c);
      if (m == up) {
        if (ls == 0) c = 0;
        else {
          const int ps = line_start(value, ls - 1);
          c = advance(value, ps, col, ls - 1);
        }
      } else {
        const int le = line_end(value, c);
        if (le >= int(value.size())) c = int(value.size());
        else c = advance(value, le + 1, col, line_end(value, le + 1));
      }
      break;
    }
  }
  set_caret(c, extend);
}

void TextEdit::set_caret(int at, bool extend) {
  caret = at;
  if (!extend) anchor = at;
  clamp();
}

void TextEdit::select_all() {
  anchor = 0;
  caret = int(value.size());
}

void TextEdit::select_word(int at) {
  set_caret(at, false);
  const int n = int(value.size());
  int a = caret, b = caret;
  if (a < n && word_char(value[size_t(a)])) {
    while (a > 0 && word_char(value[size_t(prev_cp(value, a))])) a = prev_cp(value, a);
    while (b < n && word_char(value[size_t(b)])) b = next_cp(value, b);
  } else if (a < n) {
    b = next_cp(value, a);  // a space or punctuation selects itself
  }
  anchor = a;
  caret = b;
}

void TextEdit::select_line(int at) {
  set_caret(at, false);
  if (!multiline) return select_all();
  anchor = line_start(value, caret);
  caret = line_end(value, caret);
}

void TextEdit::extend_by_units(int from, int to, int at, bool lines) {
  lines ? select_line(at) : select_word(at);  // the unit under the pointer
  const int a = sel_begin(), b = sel_end();
  if (a < from) {  // before the first unit: it stays selected, the caret at the unit's start
    anchor = to;
    caret = a;
  } else {
    anchor = from;
    caret = std::max(to, b);
  }
  clamp();
}

}  // namespace facsim::dom
