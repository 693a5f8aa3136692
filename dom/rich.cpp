// dom/rich.cpp: formatted text - a light markup parsed into runs and drawn as wrapping words.
#include <algorithm>
#include <cstring>

#include "assets.h"
#include "dom.h"

namespace facsim::dom::widget {
namespace {

constexpr std::string_view kBullet = "\xE2\x80\xA2 ";  // "• "

bool space(char c) { return c == ' ' || c == '\t'; }
bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (static_cast<unsigned char>(c) >= 0x80);
}
char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// A bare address ends at a space; trailing punctuation belongs to the sentence.
size_t url_end(std::string_view s, size_t i) {
  size_t e = i;
  while (e < s.size() && !space(s[e]) && s[e] != '<' && s[e] != '>' && s[e] != '"') ++e;
  while (e > i && std::strchr(".,;:!?)'", s[e - 1])) --e;
  return e;
}
bool starts_url(std::string_view s, size_t i) {
  return s.substr(i, 7) == "http://" || s.substr(i, 8) == "https://";
}

// A marker `m` at i opens a span when a non-space follows it, nothing word-like precedes it,
// and the same marker closes it later on the line (after a non-space, before a non-word).
size_t closing(std::string_view s, size_t i, std::string_view m) {
  const size_t from = i + m.size();
  if (from >= s.size() || space(s[from])) return std::string_view::npos;
  if (i > 0 && word_char(s[i - 1])) return std::string_view::npos;
  for (size_t j = s.find(m, from + 1); j != std::string_view::npos; j = s.find(m, j + 1)) {
    if (space(s[j - 1])) continue;
    const size_t after = j + m.size();
    if (after < s.size() && word_char(s[after])) continue;
    if (m == "*" && after < s.size() && s[after] == '*') { ++j; continue; }  // part of "**"
    return j;
  }
  return std::string_view::npos;
}

void parse_inline(std::string_view s, bool bold, bool italic, std::vector<RichRun>& out,
                  bool code = false) {
  std::string text;
  auto flush = [&] {
    if (!text.empty()) out.push_back({std::move(text), bold, italic, false, {}});
    text.clear();
  };
  for (size_t i = 0; i < s.size();) {
    if (code && s[i] == '`') {  // `code`: as typed, nothing parsed inside
      const size_t j = s.find('`', i + 1);
      if (j != std::string_view::npos && j > i + 1) {
        flush();
        out.push_back({std::string(s.substr(i + 1, j - i - 1)), false, false, false, {}, true});
        i = j + 1;
        continue;
      }
    }
    if (s.substr(i, 2) == "**") {
      if (const size_t j = closing(s, i, "**"); j != std::string_view::npos) {
        flush();
        parse_inline(s.substr(i + 2, j - i - 2), true, italic, out, code);
        i = j + 2;
        continue;
      }
    } else if (s[i] == '*' || s[i] == '_') {
      if (const size_t j = closing(s, i, s.substr(i, 1)); j != std::string_view::npos) {
        flush();
        parse_inline(s.substr(i + 1, j - i - 1), bold, true, out, code);
        i = j + 1;
        continue;
      }
    } else if (s[i] == '[') {  // [text](address)
      const size_t close = s.find("](", i + 1);
      const size_t end = close == std::string_view::npos ? close : s.find(')', close + 2);
      if (end != std::string_view::npos && close > i + 1 && end > close + 2 &&
          s.substr(i + 1, close - i - 1).find('[') == std::string_view::npos) {
        std::string_view href = s.substr(close + 2, end - close - 2);
        if (href.find(' ') == std::string_view::npos) {
          flush();
          out.push_back({std::string(s.substr(i + 1, close - i - 1)), bold, italic, false,
                         std::string(href)});
          i = end + 1;
          continue;
        }
      }
    } else if (starts_url(s, i) && (i == 0 || !word_char(s[i - 1]))) {
      const size_t e = url_end(s, i);
      flush();
      const std::string url(s.substr(i, e - i));
      out.push_back({url, bold, italic, false, url});
      i = e;
      continue;
    }
    text += s[i++];
  }
  flush();
}

}  // namespace

std::vector<RichBlock> parse_markup(std::string_view src, bool chat) {
  std::vector<RichBlock> out;
  bool in_code = false;
  for (size_t p = 0; p <= src.size();) {
    const size_t nl = std::min(src.find('\n', p), src.size());
    std::string_view line = src.substr(p, nl - p);
    RichBlock b;
    if (chat && line.substr(0, 3) == "```") {
      const size_t close = line.find("```", 3);
      if (!in_code && close != std::string_view::npos && close > 3) {  // ```a one-line block```
        b.code = true;
        b.runs.push_back({std::string(line.substr(3, close - 3)), false, false, false, {}, true});
        out.push_back(std::move(b));
        p = nl + 1;
        continue;
      }
      in_code = !in_code;  // a fence: the block starts or ends (what follows it is not shown)
      p = nl + 1;
      continue;
    }
    if (in_code) {
      b.code = true;
      if (!line.empty()) b.runs.push_back({std::string(line), false, false, false, {}, true});
      else b.runs.push_back({" ", false, false, false, {}, true});
      out.push_back(std::move(b));
      p = nl + 1;
      continue;
    }
    if (chat && (line.substr(0, 2) == "> " || line == ">")) {
      b.quote = true;
      line.remove_prefix(std::min<size_t>(2, line.size()));
    }
    if (line.substr(0, kBullet.size()) == kBullet) {
      b.bullet = true;
      line.remove_prefix(kBullet.size());
    } else if (line.size() >= 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') {
      b.bullet = true;
      line.remove_prefix(2);
    }
    parse_inline(line, false, false, b.runs, chat);
    out.push_back(std::move(b));
    p = nl + 1;
  }
  return out;
}

std::string plain_text(const std::vector<RichBlock>& blocks) {
  std::string out;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i) out += '\n';
    if (blocks[i].bullet) out += kBullet;
    for (const RichRun& r : blocks[i].runs) out += r.text;
  }
  return out;
}

std::string markup_plain(std::string_view src) { return plain_text(parse_markup(src)); }

bool has_markup(std::string_view src) {
  for (const RichBlock& b : parse_markup(src)) {
    if (b.bullet) return true;
    for (const RichRun& r : b.runs)
      if (r.bold || r.italic || !r.href.empty()) return true;
  }
  return false;
}

void highlight(std::vector<RichBlock>& blocks, const std::vector<std::string>& terms) {
  std::vector<std::string> low;
  for (const std::string& term : terms) {
    std::string l;
    for (char c : term) l += lower(c);
    if (!l.empty()) low.push_back(std::move(l));
  }
  if (low.empty()) return;
  for (RichBlock& b : blocks) {
    std::vector<RichRun> out;
    for (RichRun& r : b.runs) {
      if (r.mark) {
        out.push_back(std::move(r));
        continue;
      }
      std::string l;
      for (char c : r.text) l += lower(c);
      size_t from = 0;
      for (size_t i = 0; i < l.size();) {
        size_t len = 0;
        if (i == 0 || !word_char(l[i - 1]))
          for (const std::string& term : low)
            if (l.compare(i, term.size(), term) == 0) len = std::max(len, term.size());
        if (len == 0) {
          ++i;
          continue;
        }
        if (i > from) {
          RichRun before = r;
          before.text = r.text.substr(from, i - from);
          out.push_back(std::move(before));
        }
        RichRun hit = r;
        hit.text = r.text.substr(i, len);
        hit.mark = true;
        out.push_back(std::move(hit));
        i += len;
        from = i;
      }
      if (from < r.text.size()) {
        r.text.erase(0, from);
        out.push_back(std::move(r));
      }
    }
    b.runs = std::move(out);
  }
}

int rich_text(Tree& t, int parent, const std::vector<RichBlock>& blocks, const TextStyle& ts,
              const Style& s, std::string_view link_action, bool emoji) {
  const Theme& th = t.theme();
  const int col = t.add(parent, s);
  t.node(col).style.dir = Dir::column;
  const int line_h = ts.line_height > 0 ? ts.line_height : (ts.size * 10 + 3) / 7;
  TextStyle plain = ts;
  plain.wrap = false;
  plain.max_lines = 0;
  TextStyle scaled = plain;  // as Tree::text will draw it (the appearance's font scale)
  scaled.size = (plain.size * th.font_pct + 50) / 100;
  const int space_w = text_width(face_for(scaled), " ");
  for (const RichBlock& b : blocks) {
    if (b.runs.empty()) {
      t.add(col, {.w = fill(), .h = fixed(line_h)});
      continue;
    }
    int flow = t.add(col, {.dir = Dir::row, .w = fill(), .wrap = true});
    if (b.code) {  // a line of a code block: a tinted band, words kept as typed
      Style& fs = t.node(flow).style;
      fs.bg = th.surface_dim;
      fs.pad = {10, 1, 10, 1};
      fs.border_color = th.divider;
    } else if (b.quote) {  // a quote: a bar at the left
      const int item = flow;
      t.node(item).style.wrap = false;
      t.add(item, {.w = fixed(4), .h = fill(), .bg = th.divider, .radius = 2, .margin = {0, 0, 10, 0}});
      flow = t.add(item, {.dir = Dir::row, .w = fill(), .wrap = true});
    }
    if (b.bullet) {
      const int item = flow;
      t.node(item).style.wrap = false;
      t.text(item, "\xE2\x80\xA2", plain, {.w = fixed(22), .pad = {6, 0, 0, 0}});
      flow = t.add(item, {.dir = Dir::row, .w = fill(), .wrap = true});
    }
    // Words: one node each (so lines wrap between them), a space's width after those the
    // source follows with a space; a link is one node.
    struct Word { std::string text; const RichRun* run; bool space_after; };
    std::vector<Word> words;
    for (const RichRun& r : b.runs) {
      if (!r.href.empty() || r.code) {  // a link, a `code` span: one piece, spaces kept
        words.push_back({r.text, &r, false});
        continue;
      }
      std::string cur;
      for (char c : r.text) {
        if (space(c)) {
          if (!cur.empty()) words.push_back({std::move(cur), &r, true});
          else if (!words.empty()) words.back().space_after = true;
          cur.clear();
        } else {
          cur += c;
        }
      }
      if (!cur.empty()) words.push_back({std::move(cur), &r, false});
    }
    for (const Word& wd : words) {
      TextStyle w = plain;
      if (wd.run->bold) w.weight = 700;
      w.italic = wd.run->italic;
      Style ws{.margin = {0, 0, wd.space_after ? space_w : 0, 0}};
      if (wd.run->mark) ws.bg = th.highlight;
      if (b.code) {
        w.color = th.text_strong;  // a code block's line: the band is tint enough
      } else if (wd.run->code) {  // `code`: a tinted chip in the danger hue, as Slack draws it
        w.color = th.danger;
        ws.bg = wd.run->mark ? th.highlight : th.surface_dim;
        ws.pad = {3, 0, 3, 0};
        ws.radius = 3;
      }
      if (emoji && !b.code && !wd.run->code && wd.run->href.empty() && wd.text.size() > 2 && wd.text.front() == ':' &&
          wd.text.back() == ':') {
        if (const assets::Emoji* e = assets::find_emoji(std::string_view(wd.text).substr(1, wd.text.size() - 2))) {
          const int px = std::min(line_h, scaled.size * 3 / 2);
          ws.w = fixed(px);
          ws.h = fixed(px);
          ws.image = e->image;
          ws.margin.t = (line_h - px) / 2;
          const int img = t.add(flow, ws, {}, Role::img);
          t.node(img).name = wd.text;
          continue;
        }
      }
      if (wd.run->href.empty()) {
        t.text(flow, wd.text, w, ws);
        continue;
      }
      w.color = th.accent;
      ws.dir = Dir::column;
      // In chat, a mention ("@Name") is a filled chip, as Slack draws it; other links underline.
      const bool chip = emoji && wd.text.size() > 1 && wd.text.front() == '@';
      if (chip) {
        ws.bg = th.accent_soft;
        ws.radius = 4;
        ws.pad = {3, 0, 3, 0};
      }
      const int link = t.add(flow, ws, {}, Role::link);
      t.node(link).name = wd.text;
      t.node(link).value = wd.run->href;
      t.node(link).action = std::string(link_action) + wd.run->href;
      t.node(link).style.hover_bg = chip ? th.selected_hover : th.hover;
      w.line_height = line_h - 1;
      if (chip) w.weight = std::max(w.weight, 500);
      t.text(link, wd.text, w);
      if (!chip) t.add(link, {.w = fill(), .h = fixed(1), .bg = th.accent});
    }
  }
  return col;
}

}  // namespace facsim::dom::widget
