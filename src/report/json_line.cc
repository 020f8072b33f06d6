#include "report/json_line.h"

#include <simdjson.h>

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

#include "base/swar.h"

namespace replylint {

JsonLine& JsonLine::Value(std::string_view text) {
  if (after_key_) {
    after_key_ = false;
  } else if (after_value_) {
    *out_ += ',';
  }
  *out_ += text;
  after_value_ = true;
  return *this;
}

JsonLine& JsonLine::Open(char bracket) {
  Value(std::string_view(&bracket, 1));
  after_value_ = false;
  return *this;
}

JsonLine& JsonLine::Close(char bracket) {
  *out_ += bracket;
  after_value_ = true;
  return *this;
}

JsonLine& JsonLine::Key(std::string_view key) {
  if (after_value_) *out_ += ',';
  Escaped(key);
  *out_ += ':';
  after_key_ = true;
  after_value_ = false;
  return *this;
}

JsonLine& JsonLine::String(std::string_view s) {
  Value({});
  Escaped(s);
  return *this;
}

template <typename T>
JsonLine& JsonLine::Decimal(T v) {
  char buf[24];
  return Value(std::string_view(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf)));
}

JsonLine& JsonLine::Int(int64_t v) { return Decimal(v); }
JsonLine& JsonLine::UInt(uint64_t v) { return Decimal(v); }

// nlohmann's shortest round trip with ".0" on whole numbers, and null for
// what JSON cannot hold: few per record, so its own code writes them.
JsonLine& JsonLine::Double(double v) { return Value(nlohmann::json(v).dump()); }

JsonLine& JsonLine::Bool(bool v) { return Value(v ? "true" : "false"); }
JsonLine& JsonLine::Null() { return Value("null"); }

void JsonLine::Escaped(std::string_view s) {
  // Bytes written by name or number: control characters, '"' and '\\'.
  static constexpr auto kEscaped = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    t['"'] = t['\\'] = true;
    return t;
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t start = out_->size();
  *out_ += '"';
  uint64_t seen = 0;  // every byte OR-ed: a bit 7 set if any is not ASCII
  size_t run = 0;     // start of the bytes copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time while none of them is to be escaped: most
    // strings have no such byte at all.
    while (i + 8 <= s.size()) {
      const uint64_t eight = swar::Load(s.data() + i);
      if (swar::AnyBelow(eight, 0x20) || swar::AnyEqual(eight, '"') || swar::AnyEqual(eight, '\\')) break;
      seen |= eight;
      i += 8;
    }
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    seen |= c;
    if (!kEscaped[c]) continue;
    out_->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        *out_ += "\\\"";
        break;
      case '\\':
        *out_ += "\\\\";
        break;
      case '\b':
        *out_ += "\\b";
        break;
      case '\t':
        *out_ += "\\t";
        break;
      case '\n':
        *out_ += "\\n";
        break;
      case '\f':
        *out_ += "\\f";
        break;
      case '\r':
        *out_ += "\\r";
        break;
      default: {
        const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out_->append(u, sizeof u);
      }
    }
  }
  if (!swar::AllAscii(seen) && !simdjson::validate_utf8(s)) {
    out_->resize(start);
    *out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out_->append(s.data() + run, s.size() - run);
  *out_ += '"';
}

}  // namespace replylint
