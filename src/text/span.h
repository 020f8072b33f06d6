// A byte range [start, end) of a text.
#ifndef REPLYLINT_TEXT_SPAN_H_
#define REPLYLINT_TEXT_SPAN_H_

#include <cstddef>

namespace replylint {

struct Span {
  size_t start = 0;
  size_t end = 0;
  size_t size() const { return end - start; }
  bool empty() const { return end <= start; }
};

}  // namespace replylint

#endif  // REPLYLINT_TEXT_SPAN_H_
