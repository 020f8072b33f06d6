// A JSON text written straight into a string, for the one record an audit
// writes per reply (`--format jsonl`): building it as an nlohmann value and
// dumping that took a fifteenth of an audit's instructions, half of them in
// the value's ordered map and its allocations, half in escaping byte by byte.
//
// The bytes are those nlohmann's dump(-1, ' ', false, replace) writes for the
// same values, so the record does not change with the writer: strings are
// escaped the same way (\b \t \n \f \r \" \\ by name, other control
// characters as \u00xx, everything else as is), a string with an ill-formed
// UTF-8 sequence is left to nlohmann itself (U+FFFD for the bad bytes), and
// so is a floating-point number. tests/report/json_line_test.cc holds it to
// that.
//
// Usage: keys and values in order; the writer puts the commas.
//   JsonLine w(&out);
//   w.BeginObject();
//   w.Key("rule").String(f.rule);
//   w.Key("findings").BeginArray(); ... w.EndArray();
//   w.EndObject();
// Thread-safety: one writer per thread.
#ifndef REPLYLINT_REPORT_JSON_LINE_H_
#define REPLYLINT_REPORT_JSON_LINE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace replylint {

class JsonLine {
 public:
  explicit JsonLine(std::string* out) : out_(out) {}

  JsonLine& Key(std::string_view key);
  JsonLine& String(std::string_view s);
  JsonLine& Int(int64_t v);
  JsonLine& UInt(uint64_t v);
  JsonLine& Double(double v);
  JsonLine& Bool(bool v);
  JsonLine& Null();
  JsonLine& BeginObject() { return Open('{'); }
  JsonLine& EndObject() { return Close('}'); }
  JsonLine& BeginArray() { return Open('['); }
  JsonLine& EndArray() { return Close(']'); }

 private:
  // Writes `text` as a value: after a comma unless it follows its key or
  // opens its container.
  JsonLine& Value(std::string_view text);
  JsonLine& Open(char bracket);
  JsonLine& Close(char bracket);
  template <typename T>
  JsonLine& Decimal(T v);
  void Escaped(std::string_view s);

  std::string* out_;
  bool after_value_ = false;  // a value (or a closed container) was the last thing written
  bool after_key_ = false;
};

}  // namespace replylint

#endif  // REPLYLINT_REPORT_JSON_LINE_H_
