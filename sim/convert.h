// Private to sim/: dom draw commands -> renderer primitives, reusing the previous step's
// primitives for every command that did not change (most steps change a hover background or a
// typed letter). A command's primitives depend only on the command and the clip and opacity it
// is recorded under (render::DisplayList::State), so a copy is the same bytes as a redo; the
// memo test proves it against a converter that never reuses.
#pragma once
#include <string>
#include <vector>

#include "dom.h"
#include "renderer.h"

namespace facsim::sim::detail {

class Converter {
 public:
  // The new list() from `cmds`; reuse = false converts every command afresh. `repeats` (from
  // dom::Tree::repeats(), for the draw numbered `serial`) name runs of commands that repeat
  // the previous draw's, moved: their primitives are copied (moved) without comparing texts.
  void convert(const dom::DrawList& cmds, bool reuse = true,
               const std::vector<dom::Repeat>& repeats = {}, uint64_t serial = 0);
  const render::DisplayList& list() const { return lists_[cur_]; }
  int64_t reused() const { return reused_; }  // primitives copied, in all
  int64_t moved() const { return moved_; }    // of those, copied moved

 private:
  struct Done {                   // a converted command, kept for the next step
    dom::DrawCmd cmd;             // text: offset/size into text_ (the tree it pointed into is gone)
    size_t text_at = 0, text_size = 0;
    render::DisplayList::State state;
    uint32_t first = 0, count = 0;  // its primitives in list()
    bool culled = false;            // a glyph of it fell outside the clip (it cannot move)
  };
  bool same(const dom::DrawCmd& c, const render::DisplayList::State& st, const Done& d) const;
  bool moved(const dom::DrawCmd& c, const render::DisplayList::State& st, const Done& d,
             const dom::Repeat& r) const;
  std::vector<Done> done_, next_;
  std::string text_, next_text_;
  render::DisplayList lists_[2];  // this step's and the previous step's
  int cur_ = 0;
  int64_t reused_ = 0, moved_ = 0;
  uint64_t serial_ = 0;  // the draw list() was converted from (0: none, or unnumbered)
};

}  // namespace facsim::sim::detail
