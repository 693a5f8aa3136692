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
  // The new list() from `cmds`; reuse = false converts every command afresh.
  void convert(const dom::DrawList& cmds, bool reuse = true);
  const render::DisplayList& list() const { return lists_[cur_]; }
  int64_t reused() const { return reused_; }  // primitives copied, in all

 private:
  struct Done {                   // a converted command, kept for the next step
    dom::DrawCmd cmd;             // text: offset/size into text_ (the tree it pointed into is gone)
    size_t text_at = 0, text_size = 0;
    render::DisplayList::State state;
    uint32_t first = 0, count = 0;  // its primitives in list()
  };
  bool same(const dom::DrawCmd& c, const render::DisplayList::State& st, const Done& d) const;
  std::vector<Done> done_, next_;
  std::string text_, next_text_;
  render::DisplayList lists_[2];  // this step's and the previous step's
  int cur_ = 0;
  int64_t reused_ = 0;
};

}  // namespace facsim::sim::detail
